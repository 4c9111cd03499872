from django.urls import path

from impulsa.assessment.bank import activity_views, transfer_views, views

app_name = "itembank"

urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("curso/<int:course_id>/", views.item_list, name="item_list"),
    path("curso/<int:course_id>/nuevo/", views.item_create, name="item_create"),
    path("curso/<int:course_id>/importar/", transfer_views.import_items, name="import"),
    path(
        "curso/<int:course_id>/exportar/<slug:fmt>/",
        transfer_views.export_items,
        name="export",
    ),
    path("reactivo/<int:item_id>/", views.item_edit, name="item_edit"),
    path("reactivo/<int:item_id>/eliminar/", views.item_delete, name="item_delete"),
    path("vista-previa/", views.stem_preview, name="stem_preview"),
    path(
        "actividad/<int:activity_id>/reactivos/",
        activity_views.activity_items,
        name="activity_items",
    ),
]

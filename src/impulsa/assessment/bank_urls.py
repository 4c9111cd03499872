from django.urls import path

from impulsa.assessment import bank_activity_views, bank_transfer_views, bank_views

app_name = "itembank"

urlpatterns = [
    path("", bank_views.course_list, name="course_list"),
    path("curso/<int:course_id>/", bank_views.item_list, name="item_list"),
    path("curso/<int:course_id>/nuevo/", bank_views.item_create, name="item_create"),
    path("curso/<int:course_id>/importar/", bank_transfer_views.import_items, name="import"),
    path(
        "curso/<int:course_id>/exportar/<slug:fmt>/",
        bank_transfer_views.export_items,
        name="export",
    ),
    path("reactivo/<int:item_id>/", bank_views.item_edit, name="item_edit"),
    path("reactivo/<int:item_id>/eliminar/", bank_views.item_delete, name="item_delete"),
    path("vista-previa/", bank_views.stem_preview, name="stem_preview"),
    path(
        "actividad/<int:activity_id>/reactivos/",
        bank_activity_views.activity_items,
        name="activity_items",
    ),
]

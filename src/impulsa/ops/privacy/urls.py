from django.urls import path

from impulsa.ops.privacy.views import person, staff

app_name = "privacy"

urlpatterns = [
    path("aviso/", person.notice, name="notice"),
    path("aviso/aceptar/", person.accept, name="accept"),
    path("mis-datos/", person.mine, name="mine"),
    path("mis-datos/solicitar/", person.file_own, name="file_own"),
    path("mis-datos/descargar/", person.export_mine, name="export_mine"),
    path("solicitudes/", staff.requests, name="requests"),
    path("solicitudes/nueva/", staff.request_new, name="request_new"),
    path("solicitudes/<int:request_id>/", staff.request_detail, name="request"),
    path("solicitudes/<int:request_id>/identidad/", staff.verify, name="verify"),
    path("solicitudes/<int:request_id>/ampliar/", staff.extend, name="extend"),
    path("solicitudes/<int:request_id>/responder/", staff.respond, name="respond"),
    path("solicitudes/<int:request_id>/hacer-efectiva/", staff.complete, name="complete"),
    path("solicitudes/<int:request_id>/datos/", staff.request_export, name="request_export"),
    path("bloqueos/", staff.blocks, name="blocks"),
    path("compartidos/", staff.shared, name="shared"),
]

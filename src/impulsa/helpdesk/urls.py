from django.urls import path

from impulsa.helpdesk.announcements import views as announcement_views
from impulsa.helpdesk.assistant import views as assistant_views
from impulsa.helpdesk.sla import views as sla_views
from impulsa.helpdesk.tickets import canned_views, views

app_name = "helpdesk"

urlpatterns = [
    path("", views.my_tickets, name="home"),
    path("solicitudes/nueva/", views.ticket_new, name="ticket_new"),
    path("solicitudes/<int:ticket_id>/", views.ticket_detail, name="ticket"),
    path("solicitudes/<int:ticket_id>/asignar/", views.ticket_assign, name="ticket_assign"),
    path("solicitudes/<int:ticket_id>/cerrar/", views.ticket_close, name="ticket_close"),
    path("solicitudes/<int:ticket_id>/calificar/", views.ticket_rate, name="ticket_rate"),
    path("archivos/<int:ticket_file_id>/", views.ticket_file, name="ticket_file"),
    path("cola/", views.queue, name="queue"),
    path("respuestas/", canned_views.canned_list, name="canned"),
    path("respuestas/<int:canned_id>/eliminar/", canned_views.canned_delete, name="canned_delete"),
    path("avisos/", announcement_views.announcement_list, name="announcements"),
    path("avisos/nuevo/", announcement_views.announcement_new, name="announcement_new"),
    path("avisos/mantenimiento/", announcement_views.maintenance_new, name="maintenance_new"),
    path("asistente/", assistant_views.assistant, name="assistant"),
    path("asistente/persona/", assistant_views.hand_off, name="hand_off"),
    path("guias/", assistant_views.guides, name="guides"),
    path("calendarios/", sla_views.calendar_list, name="calendars"),
    path("calendarios/<int:institution_id>/", sla_views.calendar_edit, name="calendar"),
]

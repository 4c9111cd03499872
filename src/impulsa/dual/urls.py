from django.urls import path

from impulsa.dual.views import companies, followup, placements, reports

app_name = "dual"

urlpatterns = [
    path("", reports.home, name="home"),
    path("empresas/registro/", companies.register, name="company_register"),
    path("empresas/registro/enviado/", companies.register_done, name="company_register_done"),
    path("empresas/", companies.company_list, name="companies"),
    path("empresas/nueva/", companies.company_new, name="company_new"),
    path("empresas/<int:company_id>/", companies.company_detail, name="company"),
    path("empresas/<int:company_id>/decision/", companies.company_decide, name="company_decide"),
    path(
        "empresas/<int:company_id>/instructores/",
        companies.company_instructor,
        name="company_instructor",
    ),
    path(
        "empresas/<int:company_id>/convenios/nuevo/", companies.agreement_new, name="agreement_new"
    ),
    path("empresas/<int:company_id>/puestos/nuevo/", companies.position_new, name="position_new"),
    path("empresas/<int:company_id>/planes/nuevo/", companies.template_new, name="template_new"),
    path("empresas/<int:company_id>/reporte.pdf", reports.company_report, name="company_report"),
    path(
        "convenios/<int:agreement_id>/documento/", companies.agreement_file, name="agreement_file"
    ),
    path("planes/<int:template_id>/", companies.template_detail, name="template"),
    path("colocaciones/", placements.placement_list, name="placements"),
    path("colocaciones/nueva/", placements.placement_new, name="placement_new"),
    path("colocaciones/<int:placement_id>/", placements.placement_detail, name="placement"),
    path(
        "colocaciones/<int:placement_id>/datos/", placements.placement_setup, name="placement_setup"
    ),
    path(
        "colocaciones/<int:placement_id>/estado/", placements.placement_move, name="placement_move"
    ),
    path("colocaciones/<int:placement_id>/estaciones/", placements.station_new, name="station_new"),
    path(
        "colocaciones/<int:placement_id>/plantilla/",
        placements.template_apply,
        name="template_apply",
    ),
    path("colocaciones/<int:placement_id>/evaluar/", placements.evaluate, name="evaluate"),
    path("colocaciones/<int:placement_id>/expediente.pdf", reports.record_pdf, name="record_pdf"),
    path("colocaciones/<int:placement_id>/visitas/nueva/", followup.visit_new, name="visit_new"),
    path(
        "colocaciones/<int:placement_id>/incidencias/nueva/",
        followup.incident_new,
        name="incident_new",
    ),
    path("bitacora/", followup.my_logbook, name="logbook"),
    path("bitacora/<int:logbook_id>/", followup.logbook_entry, name="logbook_entry"),
    path("bitacora/archivos/<int:file_id>/", followup.logbook_file, name="logbook_file"),
    path("revision/", followup.review, name="review"),
    path("visitas/", followup.visit_list, name="visits"),
    path("visitas/<int:visit_id>/", followup.visit_detail, name="visit"),
    path("visitas/<int:visit_id>/evidencia/", followup.visit_evidence, name="visit_evidence"),
    path("incidencias/", followup.incident_list, name="incidents"),
    path("incidencias/<int:incident_id>/", followup.incident_detail, name="incident"),
    path("tablero/", reports.dashboard, name="dashboard"),
    path("tablero/tablero-dual.xlsx", reports.dashboard_xlsx, name="dashboard_xlsx"),
    path("avisos/", followup.notices, name="notices"),
]

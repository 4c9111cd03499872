"""Where each row of a student file lands: its campus (inside the importer's reach),
its career there and its group in the current period, looked up in bulk."""

from django.utils.translation import gettext as _

from impulsa.accounts.imports import careers
from impulsa.accounts.imports.plan import GroupKey, Plan, PlannedGroup
from impulsa.org.api import (
    Capability,
    Career,
    Group,
    Institution,
    Kind,
    can,
    current_period,
    institution_ids,
)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_campuses(actor, institution: Institution, plan: Plan) -> None:
    rows = [row for row in plan.rows if plan.errors.fine(row.line, "clave_plantel")]
    codes = {row.campus_code for row in rows}
    found = {i.code: i for i in Institution.objects.filter(code__in=codes)}
    reach = institution_ids(actor, Capability.MANAGE_PEOPLE)
    for row in rows:
        campus = found.get(row.campus_code)
        code = _short(row.campus_code, 20)
        if campus is None:
            message = _("No existe un plantel con la clave %(code)s.")
        elif campus.kind != Kind.CAMPUS:
            message = _("La clave %(code)s no es de un plantel.")
        elif campus.pk not in reach:
            message = _("El plantel %(code)s no está a tu cargo.")
        elif not campus.is_within(institution):
            message = _("El plantel %(code)s no pertenece a %(institution)s.")
        elif not campus.is_active:
            message = _("El plantel %(code)s está dado de baja.")
        else:
            row.campus = campus
            continue
        plan.errors.add(
            row.line, "clave_plantel", message % {"code": code, "institution": institution}
        )


def check_careers(plan: Plan) -> None:
    rows = [row for row in plan.rows if row.campus and plan.errors.fine(row.line, "carrera")]
    campus_ids = {row.campus.pk for row in rows}
    index = careers.CareerIndex(Career.objects.filter(campus_id__in=campus_ids))
    for row in rows:
        found = index.find(row.campus.pk, row.career_text)
        values = {"career": _short(row.career_text), "code": row.campus.code}
        if len(found) > 1:
            plan.errors.add(
                row.line,
                "carrera",
                _("Varias carreras del plantel %(code)s se llaman «%(career)s»; escribe su clave.")
                % values,
            )
        elif not found:
            plan.errors.add(
                row.line,
                "carrera",
                _("La carrera «%(career)s» no existe en el plantel %(code)s.") % values,
            )
        elif not found[0].is_active:
            plan.errors.add(
                row.line,
                "carrera",
                _("La carrera «%(career)s» ya no está activa en el plantel %(code)s.") % values,
            )
        else:
            row.career = found[0]


def check_groups(actor, plan: Plan) -> None:
    # Rows with a wrong semester still get their group checked; nothing is written
    # from a file with errors, so a group planned from such a row is never created.
    rows = [row for row in plan.rows if row.career and plan.errors.fine(row.line, "grupo")]
    if not rows:
        return
    period = current_period()
    if period is None:
        plan.errors.add(
            None,
            "grupo",
            _(
                "No hay un periodo escolar vigente: la administración nacional debe marcar uno "
                "antes de importar alumnos."
            ),
        )
        for row in rows:
            plan.errors.bad_lines.add(row.line)
        return
    plan.period = period
    names = {row.group_name for row in rows}
    campus_ids = {row.campus.pk for row in rows}
    for group in Group.objects.filter(
        period=period, campus_id__in=campus_ids, name__in=names
    ).select_related("career"):
        plan.groups[GroupKey(group.campus_id, group.name)] = group
    may_create: dict[int, bool] = {}
    for row in rows:
        key = GroupKey(row.campus.pk, row.group_name)
        existing = plan.groups.get(key) or plan.new_groups.get(key)
        if existing is None:
            campus = row.campus
            if campus.pk not in may_create:
                may_create[campus.pk] = can(actor, Capability.MANAGE_STRUCTURE, campus)
            if not may_create[campus.pk]:
                plan.errors.add(
                    row.line,
                    "grupo",
                    _(
                        "El grupo %(group)s no existe en el periodo %(period)s y no tienes "
                        "permiso para crearlo."
                    )
                    % {"group": row.group_name, "period": period},
                )
                continue
            plan.new_groups[key] = PlannedGroup(campus, row.group_name, row.semester, row.career)
        elif existing.career is not None and existing.career.pk != row.career.pk:
            plan.errors.add(
                row.line,
                "grupo",
                _("El grupo %(group)s es de la carrera %(career)s.")
                % {"group": row.group_name, "career": existing.career.name},
            )

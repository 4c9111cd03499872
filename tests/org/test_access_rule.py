"""The access rule itself: reach goes down the tree, never up or sideways, and
stops at deactivated institutions."""

from impulsa.org import access
from impulsa.org.roles import Capability


def _fresh(user):
    access.forget(user)
    return user


def test_a_campus_role_reaches_its_campus_only(world):
    ids = access.institution_ids(_fresh(world.alice), Capability.MANAGE_PEOPLE)
    assert ids == {world.campus_a1.pk}


def test_a_state_role_reaches_the_state_and_its_campuses(world):
    ids = access.institution_ids(_fresh(world.state_admin_a), Capability.MANAGE_PEOPLE)
    assert ids == {world.state_a.pk, world.campus_a1.pk, world.campus_a2.pk}


def test_a_national_role_reaches_everything(world):
    ids = access.institution_ids(_fresh(world.national_admin), Capability.VIEW_STRUCTURE)
    assert {world.national.pk, world.campus_b1.pk, world.state_b.pk} <= ids


def test_a_teacher_reads_people_but_cannot_manage_them(world):
    teacher = _fresh(world.teacher_a1)
    assert access.can(teacher, Capability.VIEW_PEOPLE, world.campus_a1)
    assert not access.can(teacher, Capability.MANAGE_PEOPLE, world.campus_a1)


def test_a_student_reaches_nothing(world):
    student = _fresh(world.student_a1)
    assert access.institution_ids(student, Capability.VIEW_STRUCTURE) == frozenset()
    assert not access.requires_two_factor(student)


def test_deactivating_a_state_switches_off_roles_held_at_its_campuses(world):
    world.state_a.is_active = False
    world.state_a.save()

    assert access.institution_ids(_fresh(world.alice), Capability.MANAGE_PEOPLE) == frozenset()
    assert access.institution_ids(_fresh(world.state_admin_a), Capability.VIEW_STRUCTURE) == (
        frozenset()
    )
    assert access.can(_fresh(world.charlie), Capability.MANAGE_PEOPLE, world.campus_b1)


def test_an_inactive_user_reaches_nothing(world):
    world.alice.is_active = False
    assert not access.can(_fresh(world.alice), Capability.VIEW_STRUCTURE, world.campus_a1)

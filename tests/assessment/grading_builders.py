"""Open answers waiting to be graded, for the grading tests: a national course with an
essay in its quiz, students of any campus enrolled in it, their essays saved."""

from dataclasses import dataclass

from impulsa.learning.models import Enrollment
from impulsa.org.roles import Role
from tests import quiz_steps
from tests.factories import GroupFactory, MembershipFactory, StudentProfileFactory, UserFactory
from tests.learning_builders import build_essay_course, enroll

ESSAY_TEXT = "Una fracción es una parte de un entero, como la mitad de una pizza."


@dataclass
class EssayCourse:
    built: object

    @property
    def version(self):
        return self.built.items["essay"].current

    def answer(self, staff, student, text=ESSAY_TEXT):
        """Enroll `student` and save their essay in the quiz; returns the Answer."""
        return self._save(enroll(staff, student, self.built.course), student, text)

    def answer_again(self, student, text):
        """The enrolled student saves their essay again (the quiz still open)."""
        enrollment = Enrollment.objects.get(student=student, course=self.built.course)
        return self._save(enrollment, student, text)

    def _save(self, enrollment, student, text):
        return quiz_steps.answer(student, enrollment, self.built.quiz.key, self.version, text)


def essay_course(world) -> EssayCourse:
    return EssayCourse(build_essay_course(world.designer, institution=world.national))


def student(campus, *, username, group=None, first_name="Alumno"):
    """A student of `campus` (in `group`, or a new group of the campus)."""
    user = UserFactory(username=username, first_name=first_name)
    MembershipFactory(user=user, institution=campus, role=Role.STUDENT)
    group = group or GroupFactory(campus=campus)
    extra = {"career": group.career} if group.career is not None else {}
    StudentProfileFactory(user=user, campus=campus, group=group, matricula=username, **extra)
    return user

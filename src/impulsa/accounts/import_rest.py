"""Import REST endpoints (status of student imports); routes added by register()."""


def register(router):
    pass

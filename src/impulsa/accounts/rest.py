def register(router):
    pass


urlpatterns: list = []

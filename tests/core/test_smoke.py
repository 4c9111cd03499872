def test_healthz_answers_without_touching_anything(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_checks_the_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_campus_admin_logs_in_with_two_factor_and_sees_home(world, login):
    client = login(world.alice)
    response = client.get("/")
    assert response.status_code == 200
    assert "Plantel Guadalajara I" in response.content.decode()

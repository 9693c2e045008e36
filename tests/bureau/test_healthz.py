def test_healthz_ok_when_database_and_redis_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_names_redis_when_it_does_not_answer(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert list(response.json()["failed"]) == ["redis"]


def test_healthz_names_the_database_when_it_does_not_answer(client, db, monkeypatch):
    from django.db import OperationalError

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr("bureau.views.health._check_database", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert list(response.json()["failed"]) == ["database"]

"""/healthz: what load balancers and `make bench` read; bench compares every
page to it, so it must cost no query and no session."""


def test_health_endpoint_answers_without_a_query_or_a_session(client, count_queries):
    response = None

    def get():
        nonlocal response
        response = client.get("/healthz")

    assert count_queries(get) == 0
    assert response.status_code == 200
    assert response.content == b"ok"
    assert not response.cookies

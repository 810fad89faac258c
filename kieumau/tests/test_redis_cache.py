"""The shared cache's client: one ``redis.Redis`` per pool, reused by every operation and every thread."""

import threading

import pytest
import redis

from kieumau.redis_cache import RedisCache

URL = "redis://127.0.0.1:6379/15"


def make_cache(location=URL):
    return RedisCache(location, {"KEY_PREFIX": "kieumau-test", "TIMEOUT": 60})


def test_one_client_per_pool_for_reads_and_writes():
    client = make_cache()._cache
    first = client.get_client()
    assert client.get_client() is first
    assert client.get_client(write=True) is first  # one server: reads and writes share its pool
    assert isinstance(first, redis.Redis)


def test_each_server_has_its_own_client_over_its_own_pool():
    servers = [URL, "redis://127.0.0.2:6380/15", "redis://127.0.0.3:6381/15"]
    client = make_cache(",".join(servers))._cache
    assert client.get_client(write=True) is not client.get_client(write=False)
    for _ in range(40):  # reads go to a replica drawn at random: each client talks to the server it was made for
        client.get_client(write=False)
    assert set(client._clients) == {0, 1, 2}
    for index, each in client._clients.items():
        assert each.connection_pool is client._pools[index]
        assert each.connection_pool.connection_kwargs["host"] == ["127.0.0.1", "127.0.0.2", "127.0.0.3"][index]


def test_values_round_trip_from_many_threads():
    cache = make_cache()
    try:
        cache.set("probe", 1)
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (the shared cache is optional: REDIS_URL)")
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"k{n}", [n, i])
                assert cache.get(f"k{n}") == [n, i]
        except Exception as e:  # noqa: BLE001 — reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    cache.delete_many([f"k{n}" for n in range(8)] + ["probe"])

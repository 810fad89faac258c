"""Django's Redis cache, with one ``redis.Redis`` client kept per connection pool instead of one built per operation.

Django's client builds a new ``redis.Redis`` for every get and set. Building one fills its table of about 170 response
callbacks: 89 µs on this machine, more than half the cost of a GET (150 µs), and a page makes five to eight cache
calls (fragments, the session, the data versions). A ``redis.Redis`` over a pool holds no connection of its own (it
takes one from the pool for each command and gives it back), so one client is safe to share between threads, and the
pool itself reconnects after a fork. Everything else is Django's.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool index → its client

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient

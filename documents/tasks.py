from django_tasks import task


@task()
def make_document(pk: int) -> str:
    """Build one queued document (documents.services.make)."""
    from .services import make

    return make(pk)

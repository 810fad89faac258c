"""The five default categories (feedback/categories.py); editable in the admin afterwards."""

from django.db import migrations


def add(apps, schema_editor):
    from feedback.categories import ensure

    ensure(apps.get_model("feedback", "Category"))


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

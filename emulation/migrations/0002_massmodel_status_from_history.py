from django.db import migrations


class Migration(migrations.Migration):
    """A model's current status is the latest row of its history (ModelStatus); the copy on the model goes."""

    dependencies = [
        ("emulation", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="massmodel", name="status"),
        migrations.RemoveField(model_name="massmodel", name="status_since"),
    ]

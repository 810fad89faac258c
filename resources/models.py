"""The registers the province keeps over the years for each ward police: headquarters and land, equipment against the
norms, funding, staffing and training. Norm tables (land, equipment) are the province's data, loaded from a file
(``load_norms``) and corrected in the admin; the ward's own people keep their ward's registers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class WardKind(models.TextChoices):
    """The class of an urban ward (Nghị quyết 1211/2016/UBTVQH13, phân loại đơn vị hành chính): the key of the norms."""

    KIND_1 = "loai-1", _("Ward type I")
    KIND_2 = "loai-2", _("Ward type II")
    KIND_3 = "loai-3", _("Ward type III")


class LegalStatus(models.TextChoices):
    CERTIFIED = "co-gcn", _("Land use right certificate issued")
    IN_PROGRESS = "dang-lam", _("Certificate in progress")
    BORROWED = "muon-thue", _("Borrowed or rented land")
    NONE = "chua-co", _("No land yet")


class Condition(models.TextChoices):
    GOOD = "tot", _("Good")
    WORN = "xuong-cap", _("Worn, needs repair")
    POOR = "hu-hong", _("Seriously degraded")
    BUILDING = "dang-xay", _("Under construction")
    TEMPORARY = "tam", _("Temporary premises")


class Category(models.TextChoices):
    VEHICLES = "giao-thong", _("Transport vehicles")
    OPERATIONAL = "nghiep-vu", _("Operational vehicles and equipment")
    WEAPONS = "vu-khi", _("Weapons")
    SUPPORT_TOOLS = "cong-cu-ho-tro", _("Support tools")
    DEVICES = "thiet-bi", _("Devices")


class Source(models.TextChoices):
    """The sources of seed 003, "Kinh phí thực hiện"."""

    MINISTRY = "bo-cong-an", _("Ministry of Public Security")
    PROVINCIAL_POLICE = "cong-an-tinh", _("Provincial police")
    PROVINCE_BUDGET = "ngan-sach-tinh", _("Provincial budget (by decentralization)")
    WARD_BUDGET = "ngan-sach-phuong", _("Ward budget (by decentralization)")
    PARTY_PROJECT = "de-an-07", _("Provincial Party Committee project 07-ĐA/TU")
    OTHER_LAWFUL = "nguon-khac", _("Other lawful revenue")
    INTEGRATED = "long-ghep", _("Funds integrated from other programs")


class Subject(models.TextChoices):
    POLITICS = "chinh-tri", _("Politics")
    PROFESSIONAL = "nghiep-vu", _("Professional skills")
    MASS_MOBILIZATION = "dan-van", _("Mass mobilization")
    CONDUCT = "le-tiet", _("Etiquette and conduct")


class Headquarters(models.Model):
    """The ward police's headquarters and land as they are now (one record per ward; each edit audited)."""

    unit = models.OneToOneField("units.Unit", models.PROTECT, related_name="+", verbose_name=_("ward"))
    ward_kind = models.CharField(_("kind of ward"), max_length=10, choices=WardKind.choices)
    work_land_m2 = models.DecimalField(_("land for work (m²)"), max_digits=12, decimal_places=2)
    living_land_m2 = models.DecimalField(_("land for officers' living (m²)"), max_digits=12, decimal_places=2, default=0)
    legal_status = models.CharField(_("legal status of the land"), max_length=10, choices=LegalStatus.choices)
    follows_design = models.BooleanField(_("follows the Ministry's design"), default=False)
    year_built = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices)
    planned_works = models.TextField(_("planned works"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("updated by"))

    class Meta:
        verbose_name = _("headquarters and land")
        verbose_name_plural = _("headquarters and land")

    def __str__(self) -> str:
        return str(self.unit)


class LandNorm(models.Model):
    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("province"))
    ward_kind = models.CharField(_("kind of ward"), max_length=10, choices=WardKind.choices)
    work_land_m2 = models.DecimalField(_("land for work (m²)"), max_digits=12, decimal_places=2)
    living_land_m2 = models.DecimalField(_("land for officers' living (m²)"), max_digits=12, decimal_places=2)
    source = models.CharField(_("legal source"), max_length=300)

    class Meta:
        verbose_name = _("land norm")
        verbose_name_plural = _("land norms")
        ordering = ["province", "ward_kind"]
        constraints = [models.UniqueConstraint(fields=["province", "ward_kind"], name="land_norm_once")]

    def __str__(self) -> str:
        return f"{self.province} — {self.get_ward_kind_display()}"


class EquipmentItem(models.Model):
    """An item of the province's equipment norm table (its quantities per kind of ward: EquipmentNorm)."""

    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("province"))
    code = models.SlugField(_("code"), max_length=40)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(_("item"), max_length=200)
    unit_label = models.CharField(_("unit of count"), max_length=20, default="chiếc")
    unit_price = models.DecimalField(_("unit price (VND)"), max_digits=15, decimal_places=0, null=True, blank=True)
    source = models.CharField(_("legal source"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("equipment norm item")
        verbose_name_plural = _("equipment norm items")
        ordering = ["province", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="equipment_item_code_once")]

    def __str__(self) -> str:
        return self.name


class EquipmentNorm(models.Model):
    item = models.ForeignKey(EquipmentItem, models.CASCADE, related_name="norms", verbose_name=_("item"))
    ward_kind = models.CharField(_("kind of ward"), max_length=10, choices=WardKind.choices)
    quantity = models.PositiveIntegerField(_("quantity per ward"))

    class Meta:
        verbose_name = _("equipment norm")
        verbose_name_plural = _("equipment norms")
        constraints = [models.UniqueConstraint(fields=["item", "ward_kind"], name="equipment_norm_once")]

    def __str__(self) -> str:
        return f"{self.item} — {self.get_ward_kind_display()}: {self.quantity}"


class Holding(models.Model):
    """What a ward police holds of a norm item now."""

    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("ward"))
    item = models.ForeignKey(EquipmentItem, models.PROTECT, related_name="holdings", verbose_name=_("item"))
    quantity = models.PositiveIntegerField(_("quantity held"))

    class Meta:
        verbose_name = _("equipment holding")
        verbose_name_plural = _("equipment holdings")
        constraints = [models.UniqueConstraint(fields=["unit", "item"], name="holding_once")]


class BudgetLine(models.Model):
    """A line of funding for a ward or the province in a year (amounts in million VND)."""

    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=20, choices=Source.choices)
    purpose = models.CharField(_("purpose"), max_length=300)
    planned = models.DecimalField(_("planned (million VND)"), max_digits=12, decimal_places=3)
    disbursed = models.DecimalField(_("disbursed (million VND)"), max_digits=12, decimal_places=3, default=0)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "source", "pk"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.year} — {self.get_source_display()}: {self.purpose}"

    @property
    def over(self) -> bool:
        return self.disbursed > self.planned


class Staffing(models.Model):
    """A ward police's establishment and officers in a year: counts by title, not a personnel file."""

    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("ward"))
    year = models.PositiveSmallIntegerField(_("year"))
    establishment = models.PositiveIntegerField(_("assigned establishment"))
    chiefs = models.PositiveIntegerField(_("chiefs"), default=0)
    chiefs_ok = models.PositiveIntegerField(_("chiefs meeting the standard"), default=0)
    deputies = models.PositiveIntegerField(_("deputy chiefs"), default=0)
    deputies_ok = models.PositiveIntegerField(_("deputy chiefs meeting the standard"), default=0)
    officers = models.PositiveIntegerField(_("officers and soldiers"), default=0)
    officers_ok = models.PositiveIntegerField(_("officers and soldiers meeting the standard"), default=0)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)

    class Meta:
        verbose_name = _("staffing")
        verbose_name_plural = _("staffing")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="staffing_once_a_year")]

    @property
    def total(self) -> int:
        return self.chiefs + self.deputies + self.officers

    @property
    def total_ok(self) -> int:
        return self.chiefs_ok + self.deputies_ok + self.officers_ok

    @property
    def vacancies(self) -> int:
        return max(self.establishment - self.total, 0)


class Training(models.Model):
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("ward"))
    year = models.PositiveSmallIntegerField(_("year"))
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.PositiveIntegerField(_("attendees"))

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return self.title

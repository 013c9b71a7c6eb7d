"""Where residents live: ward → estate → block → home."""

from django.db import models
from django.db.models.functions import Lower

from engagement.postcodes import validate_postcode


class Ward(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Estate(models.Model):
    name = models.CharField(max_length=150)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="estates")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="estate_name_unique_ignoring_case")]

    def __str__(self):
        return self.name


class Block(models.Model):
    name = models.CharField(max_length=150)
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="blocks")
    is_higher_risk = models.BooleanField(
        "higher-risk building",
        default=False,
        help_text="At least 18 metres or 7 storeys with 2 or more homes: covered by the Building Safety Act 2022.",
    )
    is_independent_living = models.BooleanField("independent-living scheme", default=False)

    class Meta:
        ordering = ["estate__name", "name"]
        constraints = [
            models.UniqueConstraint("estate", Lower("name"), name="block_name_unique_on_estate_ignoring_case")
        ]

    def __str__(self):
        return f"{self.name}, {self.estate.name}"


class Home(models.Model):
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="homes")
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, default="London")
    postcode = models.CharField(max_length=8, validators=[validate_postcode])
    undeliverable_post = models.BooleanField(
        default=False, help_text="Letters to this address have come back. Check the address before sending more."
    )

    class Meta:
        ordering = ["postcode", "address_line_1"]
        constraints = [
            # The housing system's lists name a home by its first address line and postcode.
            models.UniqueConstraint("address_line_1", "postcode", name="home_address_unique")
        ]
        indexes = [models.Index(fields=["postcode"])]

    def __str__(self):
        return f"{self.address_line_1}, {self.postcode}"

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_line_1, self.address_line_2, self.town, self.postcode) if line]

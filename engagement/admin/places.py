from django.contrib import admin
from django.db.models import Count

from engagement.admin.filters import estate_filter, ward_filter
from engagement.models import Block, Estate, Home, Ward


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "estate_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_estates=Count("estates"))

    @admin.display(description="estates", ordering="number_of_estates")
    def estate_count(self, ward):
        return ward.number_of_estates


class BlockInline(admin.TabularInline):
    model = Block
    extra = 0
    fields = ["name", "is_higher_risk", "is_independent_living"]


@admin.register(Estate)
class EstateAdmin(admin.ModelAdmin):
    list_display = ["name", "ward", "block_count"]
    list_filter = ["ward"]
    list_select_related = ["ward"]
    search_fields = ["name", "ward__name"]
    inlines = [BlockInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_blocks=Count("blocks"))

    @admin.display(description="blocks", ordering="number_of_blocks")
    def block_count(self, estate):
        return estate.number_of_blocks


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["name", "estate", "ward", "is_higher_risk", "is_independent_living"]
    list_filter = ["is_higher_risk", "is_independent_living", estate_filter(""), ward_filter("")]
    list_select_related = ["estate__ward"]
    search_fields = ["name", "estate__name"]
    autocomplete_fields = ["estate"]

    @admin.display(ordering="estate__ward__name")
    def ward(self, block):
        return block.estate.ward


@admin.register(Home)
class HomeAdmin(admin.ModelAdmin):
    list_display = ["address_line_1", "postcode", "block", "undeliverable_post"]
    list_filter = ["undeliverable_post", estate_filter("block__"), ward_filter("block__")]
    list_select_related = ["block__estate"]
    search_fields = ["address_line_1", "address_line_2", "postcode", "block__name"]
    autocomplete_fields = ["block"]

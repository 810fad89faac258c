from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.scope import scope_for
from assessments import pages
from assessments.forms import YearForm
from kieumau import clock, fragments

from . import build


@require_GET
@login_required
def national(request):
    """"Toàn quốc": every province of the year's map on one page, for the Ministry (and administrators). Anyone else
    gets 404: the page's existence is not disclosed."""
    if not scope_for(request.user).national:
        raise Http404
    form = YearForm(request.GET)
    year = (form.cleaned_data.get("nam") if form.is_valid() else None) or pages.default_year()
    # the whole country in a few queries, kept until the data change (kieumau/fragments.py); the day is in the key
    n = fragments.cached("national", (year,), lambda: build.build(year, clock.today()))
    return render(request, "national/national.html", {"n": n, "year": year, "years": pages.program_years(),
                                                      "totals": n.totals})

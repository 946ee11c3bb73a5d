"""Chart bars for pages whose views hand the template counts rather than a chart."""

from __future__ import annotations

from django import template

from coverage.readings.charts import Bar, rates_bar
from coverage.selectors.outlets import StanceRates

register = template.Library()


@register.simple_tag
def stance_rates_bar(rates: StanceRates, dom_id: str, title: str) -> Bar:
    """{% stance_rates_bar rates "outlet-rates" "Title" as bar %}, then include
    coverage/_chart_bars.html with bar=bar."""
    return rates_bar(rates, dom_id, title)

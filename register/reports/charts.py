"""Charts for the board summary, drawn with reportlab's own graphics."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

BAR_COLOURS = [colors.HexColor("#2b5d8a"), colors.HexColor("#9bb7d4")]


class TrendChart(Drawing):
    """Bars for one or two measures across the five periods, the latest last; a value of None draws no bar."""

    def __init__(
        self,
        title: str,
        labels: list[str],
        series: list[tuple[str, list[float | None]]],
        percent: bool = False,
        width: float = 82 * mm,
        height: float = 58 * mm,
    ):
        super().__init__(width, height)
        self.add(String(0, height - 10, title, fontName="Sans-Bold", fontSize=8.5), name="title")
        chart = VerticalBarChart()
        chart.x, chart.y = 28, 34  # room below for labels of two lines (Q2 26-27 above Jul-Sep) and the legend
        chart.width, chart.height = width - 36, height - 56
        chart.data = [values for _, values in series]
        chart.categoryAxis.categoryNames = labels
        chart.categoryAxis.labels.fontName = "Sans"
        chart.categoryAxis.labels.fontSize = 6.5
        chart.categoryAxis.labels.angle = 0
        chart.valueAxis.labels.fontName = "Sans"
        chart.valueAxis.labels.fontSize = 6.5
        chart.valueAxis.valueMin = 0
        if percent:
            chart.valueAxis.valueMax = 100
            chart.valueAxis.valueStep = 25
            chart.valueAxis.labelTextFormat = "%d%%"
        top = max((value for _, values in series for value in values if value is not None), default=0)
        if not percent and top == 0:
            chart.valueAxis.valueMax = 1
        chart.barSpacing = 1
        chart.groupSpacing = 6
        for index in range(len(series)):
            chart.bars[index].fillColor = BAR_COLOURS[index % len(BAR_COLOURS)]
            chart.bars[index].strokeColor = None
        self.add(chart, name="chart")
        if len(series) > 1:
            x = 28.0
            for index, (name, _) in enumerate(series):
                self.add(Rect(x, 6, 6, 6, fillColor=BAR_COLOURS[index], strokeColor=None))
                self.add(String(x + 8, 6, name, fontName="Sans", fontSize=6.5))
                x += 8 + 4.2 * len(name) + 10

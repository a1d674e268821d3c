"""A layout that lays its widgets out in a row and wraps them onto the next row when the row is full:
filter bars and button bars that fit a 1366-wide laptop as well as a wide monitor."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row as needed; as tall as its rows (height for width)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, row_spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing, self._row_spacing = spacing, row_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Everything on one row, if there is room for it."""
        shown = [item.sizeHint() for item in self._items if not item.isEmpty()]
        width = sum(size.width() for size in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((size.height() for size in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        """As narrow as the widest item: everything else wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Place the items (or only measure them) in ``rect``; returns the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = (
                item.sizeHint().boundedTo(QSize(area.width(), item.sizeHint().height())).expandedTo(item.minimumSize())
            )
            if x > area.x() and x + size.width() > area.right() + 1:  # no room left on this row
                x, y, row_height = area.x(), y + row_height + self._row_spacing, 0
            if place:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + self._spacing
            row_height = max(row_height, size.height())
        return y + row_height - rect.y() + margins.bottom()


def pair(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets kept together on one row of a flow (a label and its field, say)."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(holder.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) // 2 or 4)
    for widget in widgets:
        row.addWidget(widget)
    holder.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return holder

"""Add or edit a child in the person index; offers a close existing child first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from register import people
from register.core import codes
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.widgets import CodeChoice, DateField


class ChildDialog(FormDialog):
    """The child's details. For a new child, close matches are listed and can be chosen instead."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        child: people.Child | None = None,
        on_saved: Callable[[people.Child], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, "Edit child" if child else "New child", parent)
        self.child, self.on_saved = child, on_saved
        self.forenames = self.add_field("&Forenames", QLineEdit(self), "forenames")
        self.surname = self.add_field("&Surname", QLineEdit(self), "surname")
        self.other_names = self.add_field("Other names / &aliases", QLineEdit(self), "other_names")
        self.dob = self.add_field("&Date of birth", DateField(self), "dob")
        self.sex = self.add_field("Se&x", CodeChoice(codes.SEXES, blank=None, parent=self), "sex")
        self.ethnicity = self.add_field(
            "&Ethnicity", CodeChoice({k: f"{k} – {v}" for k, v in codes.ETHNICITIES.items()}, parent=self), "ethnicity"
        )
        self.disabled = self.add_field("", QCheckBox("Disabled", self), "disabled")
        self.looked_after = self.add_field("", QCheckBox("&Looked after", self), "looked_after")
        self.looked_after_by = self.add_field(
            "Looked after &by", CodeChoice(codes.LOOKED_AFTER_BY, parent=self), "looked_after_by"
        )
        self.address = self.add_field("Add&ress", QLineEdit(self), "address")
        self.postcode = self.add_field("&Postcode", QLineEdit(self), "postcode")
        self.school = self.add_field("Sc&hool", QLineEdit(self), "school")
        self.first_language = self.add_field("First lan&guage", QLineEdit(self), "first_language")
        self.upn = self.add_field("&UPN", QLineEdit(self), "upn")
        self.nhs_number = self.add_field("&NHS number", QLineEdit(self), "nhs_number")
        self.la_id = self.add_field("&Case system id", QLineEdit(self), "la_id")
        self.matches_label = QLabel(
            "Is it one of these children already in the register? Double-click to use it.", self
        )
        self.matches = QListWidget(self)
        self.matches.setObjectName("matches")
        self.form.addRow(self.matches_label)
        self.form.addRow(self.matches)
        self.matches_label.hide()
        self.matches.hide()
        self.matches.itemActivated.connect(self._use_match)
        for field in (self.forenames, self.surname, self.dob):
            field.editingFinished.connect(self._offer_matches)
        if child is not None:
            self._fill(child)
            self.reloads_with(self._reload)
        else:
            self.sex.set_code("U")
        self.setMinimumWidth(520)

    def _reload(self) -> None:
        assert self.child is not None
        self.child = people.get_child(self.register, self.child.id or 0)
        self._fill(self.child)

    def _fill(self, child: people.Child) -> None:
        self.forenames.setText(child.forenames)
        self.surname.setText(child.surname)
        self.other_names.setText(child.other_names)
        self.dob.set_value(child.dob)
        self.sex.set_code(child.sex)
        self.ethnicity.set_code(child.ethnicity)
        self.disabled.setChecked(child.disabled)
        self.looked_after.setChecked(child.looked_after)
        self.looked_after_by.set_code(child.looked_after_by)
        for widget, value in (
            (self.address, child.address),
            (self.postcode, child.postcode),
            (self.school, child.school),
            (self.first_language, child.first_language),
            (self.upn, child.upn),
            (self.nhs_number, child.nhs_number),
            (self.la_id, child.la_id),
        ):
            widget.setText(value)

    @Slot()
    def _offer_matches(self) -> None:
        """List existing children close to the name and date of birth typed so far."""
        if self.child is not None:
            return
        try:
            dob = self.dob.value()
        except ValueError:
            dob = None
        self.matches.clear()
        if dob is not None and (self.forenames.text().strip() or self.surname.text().strip()):
            for match in people.similar_children(self.register, self.forenames.text(), self.surname.text(), dob):
                item = QListWidgetItem(f"{match.label}  {match.la_id or ''}".rstrip(), self.matches)
                item.setData(256, match.id)
        self.matches_label.setVisible(self.matches.count() > 0)
        self.matches.setVisible(self.matches.count() > 0)

    @Slot(QListWidgetItem)
    def _use_match(self, item: QListWidgetItem) -> None:
        chosen = people.get_child(self.register, item.data(256))
        if self.on_saved:
            self.on_saved(chosen)
        self.accept()

    def save(self) -> None:
        dob: date | None = self.read("dob", self.dob.value)
        self.require("dob", dob, "Enter the date of birth (DD/MM/YYYY).")
        self.refuse_unreadable()
        assert dob is not None
        typed = people.Child(
            forenames=self.forenames.text(),
            surname=self.surname.text(),
            other_names=self.other_names.text(),
            dob=dob,
            sex=self.sex.code(),
            ethnicity=self.ethnicity.code(),
            disabled=self.disabled.isChecked(),
            looked_after=self.looked_after.isChecked(),
            looked_after_by=self.looked_after_by.code() if self.looked_after.isChecked() else "",
            address=self.address.text(),
            postcode=self.postcode.text(),
            school=self.school.text(),
            first_language=self.first_language.text(),
            upn=self.upn.text(),
            nhs_number=self.nhs_number.text(),
            la_id=self.la_id.text(),
        )
        if self.child is not None:
            typed = replace(typed, id=self.child.id, version=self.child.version)
        saved = people.save_child(self.register, typed)
        if self.on_saved:
            self.on_saved(saved)

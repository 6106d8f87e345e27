"""The fact vocabulary: every program fact a company or plan file may give (catalog/facts.yaml).

Program files test facts in eligibility criteria (`fact: {name: …}`) and variant
conditions (`when.facts`). Each name must be declared once, with its Japanese
wording for explanations and forms, so that every program asks the same question
in the same words. Program files are validated with the vocabulary in the pydantic
validation context (`FACTS_CONTEXT`); a use of an undeclared fact, or a value of the
wrong type, is then a validation error at the field that holds it.

    - name: household
      label: 移住する世帯
      question: 移住する世帯は単身世帯ですか、複数世帯ですか
      type: choice
      choices: {single: 単身世帯, multi: 複数世帯}
      scope: company
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, model_validator

from hojokin.catalog.primitives import FactName, FactValue, Model

FACTS_CONTEXT = "facts"
# A choice's value as files write it: a code such as `shutoken`, or a letter such as `ア`.
ChoiceValue = Annotated[str, StringConstraints(pattern=r"^[^\s,;]+$", max_length=60)]
# What a file gives for a fact: a value, or the values of a `choices` fact.
Answer = FactValue | list[ChoiceValue]
A = TypeVar("A", FactValue, Answer)


class Fact(Model):
    """One declared fact: what it is called, how it is asked, and what answers it takes."""

    name: FactName
    label: str = Field(min_length=1)
    question: str = Field(min_length=1)
    # choice: one of `choices`; choices: any number of them, as a list; an integer may
    # word its values in `choices` too (keyed by the number), as Tokyo's themes are
    type: Literal["boolean", "choice", "choices", "integer"]
    choices: dict[ChoiceValue, str] = Field(default_factory=dict)
    minimum: int | None = None  # integer only: the bounds of an answer, inclusive
    maximum: int | None = None
    scope: Literal["company", "plan"]
    note: str | None = None

    @model_validator(mode="after")
    def _choices_for_choice(self) -> Fact:
        if self.type in ("choice", "choices") and not self.choices:
            raise ValueError("a choice fact lists its `choices`")
        if self.type == "boolean" and self.choices:
            raise ValueError("a boolean fact has no `choices`")
        if self.type == "integer":
            for key in self.choices:
                if not key.isascii() or not key.isdigit() or self.problem(int(key)):
                    raise ValueError(f"choice {key!r} is not an answer of this integer fact")
        if self.type != "integer" and (self.minimum, self.maximum) != (None, None):
            raise ValueError("only an integer fact has a minimum or maximum")
        return self

    def problem(self, value: Answer) -> str | None:
        """Why `value` cannot be an answer to this fact, or None when it can."""
        if self.type == "choices":
            if not isinstance(value, list) or not set(value) <= set(self.choices):
                return f"{value!r} is not a list of its choices ({', '.join(self.choices)})"
            return f"{value!r} lists a choice twice" if len(set(value)) < len(value) else None
        if self.type == "boolean" and not isinstance(value, bool):
            return f"{value!r} is not a boolean (write true or false)"
        if self.type == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"{value!r} is not an integer"
            low, high = self.minimum, self.maximum
            if (low is not None and value < low) or (high is not None and value > high):
                return f"{value!r} is outside {self.bounds}"
        if self.type == "choice" and (not isinstance(value, str) or value not in self.choices):
            return f"{value!r} is not among its choices ({', '.join(self.choices)})"
        return None

    @property
    def bounds(self) -> str:
        """An integer's bounds as messages and docs write them: `1–9`, `1–`, `–9`."""
        low = "" if self.minimum is None else str(self.minimum)
        high = "" if self.maximum is None else str(self.maximum)
        return f"{low}–{high}"

    def value_label(self, value: Answer) -> str:
        """An answer in Japanese: a choice by its label, a boolean as はい／いいえ."""
        if isinstance(value, list):
            return "・".join(self.value_label(v) for v in value) or "該当なし"
        if isinstance(value, str) and value in self.choices:
            return self.choices[value]
        if self.type == "integer" and str(value) in self.choices:
            return f"({value}) {self.choices[str(value)]}"
        return answer_label(value)


def answer_label(value: Answer) -> str:
    """An answer as people read it when no declaration words it."""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, list):
        return "・".join(value)
    return str(value)


def declared(name: str, info: ValidationInfo) -> Fact | None:
    """The declaration of `name` in the vocabulary of the validation context.

    None when validating without a vocabulary (a program built in code); with one, an
    undeclared name is an error."""
    vocabulary: Mapping[str, Fact] | None = (info.context or {}).get(FACTS_CONTEXT)
    if vocabulary is None:
        return None
    fact = vocabulary.get(name)
    if fact is None:
        raise ValueError(f"fact {name!r} is not declared in facts.yaml")
    return fact


def check_answers(facts: dict[str, A], info: ValidationInfo) -> dict[str, A]:
    """Every answer names a declared fact and fits its type (with a vocabulary in context)."""
    for name, value in facts.items():
        fact = declared(name, info)
        problem = None if fact is None else fact.problem(value)
        if problem:
            raise ValueError(f"fact {name!r}: {problem}")
    return facts


# `facts` of company files and plan files.
Answers = Annotated[dict[FactName, Answer], AfterValidator(check_answers)]
# `facts` of variant conditions: one value each, which a row's value must equal.
Conditions = Annotated[dict[FactName, FactValue], AfterValidator(check_answers)]


def context(vocabulary: Mapping[str, Fact] | None) -> dict[str, Any] | None:
    """The validation context that checks facts against `vocabulary` (None: unchecked)."""
    return None if vocabulary is None else {FACTS_CONTEXT: vocabulary}

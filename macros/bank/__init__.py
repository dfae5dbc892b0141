"""Layer 1 - the bank: YAML in, validated model out. Plain Python; never imports MkDocs.

Public API: `load_bank`, `BankError`, the model classes and `ANSWER_RULES`.
"""

from .errors import BankError, Problem
from .loader import load_bank
from .model import Bank, Category, Level, Question, Topic
from .rules import ANSWER_RULES

__all__ = ["ANSWER_RULES", "Bank", "BankError", "Category", "Level", "Problem", "Question", "Topic", "load_bank"]

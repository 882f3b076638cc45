"""Contests: an employee challenges a suggestion, a decision or a data item, and a reviewer decides."""

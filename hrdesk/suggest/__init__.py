"""Explainable suggestions: a co-pilot that surfaces a pattern, says exactly why, and leaves the decision to a person.

Three suggestion types: a retention-risk conversation (a logistic regression
trained on the vault's own history of voluntary leaving, with exact additive
explanations), a development recommendation (signals mapped to an editable
catalogue) and a well-being check-in prompt (coaching only). Nothing here
reaches protected attributes except the proxy check and the fairness section
of the model card, both under the fairness purpose and audit-logged.
"""

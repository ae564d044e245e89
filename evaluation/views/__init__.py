"""Panel pages: thin views over evaluation.services and evaluation.selectors."""

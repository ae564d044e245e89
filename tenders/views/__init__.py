"""Pages for opportunities: the public list and page, the commissioner's drafting workspace,
publication and lifecycle, and clarification questions."""

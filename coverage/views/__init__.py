"""Pages of Parallax, one module per feature; coverage.urls routes to them.

Each view renders one template, and htmx requests get a partial of it. Views look
events and outlets up through views.common (which holds the permission checks),
read through coverage.selectors and coverage.readings, and write through
coverage.services; nothing below a view calls back into one.
"""

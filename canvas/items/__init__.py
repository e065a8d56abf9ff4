"""Graphics items: views of layout values, set through setters; they own no document data."""

"""Pure analytics for the Jilin social-assistance dashboard.

Nothing in this package imports Streamlit (a test enforces it): every function takes and returns
plain data so it can be unit-tested and cached at the UI boundary.
"""

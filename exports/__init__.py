"""Briefing exports: chart images (kaleido), the deck as PDF (WeasyPrint) and as PowerPoint (python-pptx).

Everything here takes a `DeckContent` (exports.content) built once by the dashboard, so the screen, the
images, the PDF and the PPTX show the same figures, headlines and status marks. No Streamlit import.
"""

"""Results to what people read: charts (plotly, the projector template), the deck, the
results workbook, the PDFs and the JSON report. Heavy libraries load only when used."""

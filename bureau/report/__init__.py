"""The yearly statistical report (年度律师行业统计报告): figures from every app, drafted summary,
PDF with SVG charts and the companion spreadsheet, produced by a background job."""

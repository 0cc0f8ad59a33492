"""The records that flow from loading through evaluation to the reports: documents, rubrics, findings."""

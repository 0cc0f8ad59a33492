"""Reading policy text: sentences and tokens, their structure, how a phrase is read in its sentence, the pattern language."""

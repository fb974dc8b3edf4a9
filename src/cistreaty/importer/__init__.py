"""`cistreaty import`: plain treaty text to a first-draft instrument file.

parse (text to structure, with a message for every line left out), dates, parties (signature
block names to codes), emit (structure to YAML). None of them reads files or prints.
"""

"""What is meant: the intent catalog, understanding of free text, the emergency detector and
the shared handlers. Nothing here imports a channel's SDK."""

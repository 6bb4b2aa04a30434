"""Pure domain logic: plain functions over plain data, ``today`` passed in.

Nothing here imports Typer, Rich or the database layer, so every rule can be
tested exhaustively and quickly.
"""

"""Batch engines: the same extraction function run by several processes or a cluster."""

"""Batch engines: where the pipeline's extraction function runs (this machine's processes, a cluster).

Each engine has `run(sources, resources, process, *, on_error)`, an iterator of results in input order:
`local.LocalEngine` (the default) and `dask.DaskEngine`.
"""

"""Extraction stages: sentences, figures, speakers, event types, dates, incident segmentation."""

"""Evaluation metrics of video segmentation, pure (no Django): `jf`, the DAVIS / SA-V J&F.

The service that scores a video's masklets with them is annotation/services/evaluation.py.
"""

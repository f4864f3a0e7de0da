"""Every write of the annotation app: `<entity>_<action>` functions, keyword-only, atomic."""

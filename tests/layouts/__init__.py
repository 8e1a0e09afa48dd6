"""Layout-invariance generator: the same plan text re-typeset as the files county offices produce.

    cd tests && python -m layouts.render OUT_DIR [PLAN.txt ...]

writes OUT_DIR/LAYOUT/NAME.EXT for every layout of layouts.render.LAYOUTS.
"""

"""Random-weights Hugging Face model folders of EdgeTAM and SAM 3, for tests, demos and benchmarks.

A folder written here holds what an operator's copy of facebook/EdgeTAM or facebook/sam3 holds
(config.json, model.safetensors, processor and, for SAM 3, tokenizer files) and loads through
exactly the same code; its masks are meaningless. Nothing is downloaded: the configurations are
built here and the SAM 3 tokenizer is a byte-level CLIP BPE tokenizer made in-process (every byte
a token, no merges), so any text encodes.

Kinds:
- "edgetam-tiny", "sam3-tiny": a few layers of a few channels each (transformers' own model
  tests use configurations of this size), 128 px / 224 px input: a session runs in well under a
  second on a CPU.
- "edgetam", "sam3": transformers' default configurations, i.e. the published architectures
  (EdgeTAM: RepViT-M1 image encoder through timm; SAM 3: the 32-layer ViT, CLIP text encoder,
  DETR detector and tracker), at `image_size` (default: the published input size).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

KINDS = ("edgetam-tiny", "sam3-tiny", "edgetam", "sam3")
# Special tokens of the in-process tokenizer: after the 512 byte symbols (plain and word-final).
BOS_ID, EOS_ID = 512, 513


def clip_tokenizer() -> Any:
    """A CLIP BPE tokenizer over single bytes (no merges), built without any download."""
    from transformers import CLIPTokenizer
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    symbols = list(bytes_to_unicode().values())
    vocab = {s: i for i, s in enumerate(symbols)}
    vocab.update({s + "</w>": len(symbols) + i for i, s in enumerate(symbols)})
    vocab["<|startoftext|>"], vocab["<|endoftext|>"] = BOS_ID, EOS_ID
    return CLIPTokenizer(vocab=vocab, merges=[])


def edgetam_config(tiny: bool, image_size: int | None = None) -> Any:
    from transformers import EdgeTamVideoConfig, TimmWrapperConfig
    from transformers.models.edgetam.configuration_edgetam import EdgeTamVisionConfig

    size = int(image_size or (128 if tiny else 1024))
    if size % 64:
        raise ValueError(f"EdgeTAM's image size must be a multiple of 64, not {size}")
    levels = [[size // 4] * 2, [size // 8] * 2, [size // 16] * 2]
    if not tiny:
        # The published EdgeTAM (facebook/EdgeTAM): RepViT-M1 encoder, 256-channel FPN and decoder.
        # The backbone is named here: transformers 5.23's default spells the key "archirecture",
        # so its default EdgeTAM vision config builds timm's default model instead of RepViT-M1.
        repvit = TimmWrapperConfig(
            architecture="repvit_m1",
            model_args={"in_chans": 3, "features_only": True, "out_indices": [0, 1, 2, 3]},
        )
        return EdgeTamVideoConfig(
            vision_config=EdgeTamVisionConfig(backbone_config=repvit, backbone_feature_sizes=levels),
            image_size=size,
            prompt_encoder_config={"image_size": size},
            memory_attention_rope_feat_sizes=[size // 16] * 2,
        )
    backbone = TimmWrapperConfig(
        architecture="repvit_m1",
        model_args={
            "in_chans": 3,
            "features_only": True,
            "out_indices": [0, 1, 2, 3],
            "embed_dim": (8, 16, 32, 64),
            "depth": (1, 1, 1, 1),
        },
    )
    vision = EdgeTamVisionConfig(
        backbone_config=backbone, backbone_channel_list=[64, 32, 16, 8], backbone_feature_sizes=levels, fpn_hidden_size=128
    )
    # Constraints of the modeling code: memory channels 64 (its cross-attention hard-codes them),
    # FPN width a multiple of them (object pointers are split into memory-sized tokens).
    return EdgeTamVideoConfig(
        vision_config=vision,
        image_size=size,
        prompt_encoder_config={"hidden_size": 128, "image_size": size, "mask_input_channels": 4},
        mask_decoder_config={
            "hidden_size": 128, "mlp_dim": 64, "num_hidden_layers": 1, "num_attention_heads": 2, "iou_head_hidden_dim": 16,
        },
        num_maskmem=3,
        max_object_pointers_in_encoder=4,
        memory_attention_hidden_size=128,
        memory_attention_num_layers=1,
        memory_attention_mlp_hidden_size=64,
        memory_attention_rope_feat_sizes=[size // 16] * 2,
        memory_attention_rope_k_sizes=[4, 4],
        perceiver_resampler_num_latents=16,
        perceiver_resampler_num_latents_2d=16,
        perceiver_resampler_hidden_size=64,
        perceiver_resampler_mlp_intermediate_size=32,
        perceiver_resampler_attention_head_dim=64,
        perceiver_resampler_num_layers=1,
        memory_encoder_hidden_size=128,
        memory_encoder_output_channels=64,
        mask_downsampler_embed_dim=128,
        memory_fuser_intermediate_dim=64,
        memory_fuser_num_layers=1,
        memory_fuser_embed_dim=128,
    )  # fmt: skip


def sam3_config(tiny: bool, image_size: int | None = None) -> Any:
    from transformers import Sam3VideoConfig
    from transformers.models.sam3.configuration_sam3 import (
        Sam3Config,
        Sam3DETRDecoderConfig,
        Sam3DETREncoderConfig,
        Sam3GeometryEncoderConfig,
        Sam3MaskDecoderConfig,
        Sam3VisionConfig,
        Sam3ViTConfig,
    )
    from transformers.models.sam3_tracker_video.configuration_sam3_tracker_video import (
        Sam3TrackerVideoConfig,
    )

    patch = 14
    size = int(image_size or (224 if tiny else 1008))
    if size % patch:
        raise ValueError(f"SAM 3's image size must be a multiple of {patch}, not {size}")
    text_ids = {"bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": EOS_ID}
    if not tiny:
        config = Sam3VideoConfig(detector_config={"text_config": text_ids})
        config.image_size = size  # propagates to detector and tracker (feature sizes, RoPE)
        config.low_res_mask_size = 4 * size // patch
        return config
    levels = [[4 * size // patch] * 2, [2 * size // patch] * 2, [size // patch] * 2]
    vit = Sam3ViTConfig(
        hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64, image_size=size,
        patch_size=patch, window_size=8, global_attn_indexes=[0, 1],
    )  # fmt: skip
    # The tracker reads the detector's FPN through its own neck, so both keep 256 channels.
    vision = Sam3VisionConfig(backbone_config=vit, fpn_hidden_size=256, backbone_feature_sizes=levels)
    text = {
        "vocab_size": 1000, "hidden_size": 32, "intermediate_size": 64, "projection_dim": 32, "num_hidden_layers": 2,
        "num_attention_heads": 4, "max_position_embeddings": 32, "hidden_act": "gelu", **text_ids,
    }  # fmt: skip
    detector = Sam3Config(
        vision_config=vision,
        text_config=text,
        geometry_encoder_config=Sam3GeometryEncoderConfig(num_layers=1, intermediate_size=64, mask_fuser_num_layers=1),
        detr_encoder_config=Sam3DETREncoderConfig(num_layers=1, intermediate_size=64),
        detr_decoder_config=Sam3DETRDecoderConfig(num_layers=1, num_queries=5, intermediate_size=64),
        mask_decoder_config=Sam3MaskDecoderConfig(),
    )
    tracker = Sam3TrackerVideoConfig(
        vision_config=vision.to_dict(),
        image_size=size,
        memory_attention_num_layers=1,
        memory_attention_feed_forward_hidden_size=64,
        mask_decoder_config={"mlp_dim": 64, "num_hidden_layers": 1},
        memory_fuser_intermediate_dim=64,
        memory_fuser_num_layers=1,
        num_maskmem=3,
        max_object_pointers_in_encoder=4,
    )
    # Random weights score every query low: detection thresholds at 0 so instances appear, at
    # most 3 of them (else every frame adds new ones), and a short hotstart hold-back.
    return Sam3VideoConfig(
        detector_config=detector,
        tracker_config=tracker,
        low_res_mask_size=4 * size // patch,
        score_threshold_detection=0.0,
        new_det_thresh=0.0,
        hotstart_delay=2,
        hotstart_unmatch_thresh=2,
        hotstart_dup_thresh=2,
        max_num_objects=3,
    )


def write_random_hf_model(kind: str, out: Path | str, seed: int = 0, image_size: int | None = None) -> Path:
    """Write a random-weights model folder of `kind` (see KINDS) to `out`; return `out`.

    `image_size`: the model's input side in pixels (EdgeTAM: multiple of 64; SAM 3: of 14);
    None: 128 / 224 px for the tiny kinds, the published size (1024 / 1008) for the full ones.
    """
    import torch

    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r}; use one of {', '.join(KINDS)}")
    out = Path(out)
    tiny = kind.endswith("-tiny")
    torch.manual_seed(seed)
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    if kind.startswith("edgetam"):
        from transformers import (
            EdgeTamVideoModel,
            Sam2ImageProcessor,
            Sam2VideoProcessor,
            Sam2VideoVideoProcessor,
        )

        config = edgetam_config(tiny, image_size)
        size, mask = config.image_size, config.image_size // 4
        model: Any = EdgeTamVideoModel(config)
        processor: Any = Sam2VideoProcessor(
            image_processor=Sam2ImageProcessor(size={"height": size, "width": size}, mask_size={"height": mask, "width": mask}),
            video_processor=Sam2VideoVideoProcessor(size={"height": size, "width": size}),
            target_size=size,
        )
    else:
        from transformers import (
            Sam2VideoVideoProcessor,
            Sam3ImageProcessor,
            Sam3VideoModel,
            Sam3VideoProcessor,
        )

        config = sam3_config(tiny, image_size)
        size, mask = config.image_size, config.low_res_mask_size
        model = Sam3VideoModel(config)
        processor = Sam3VideoProcessor(
            image_processor=Sam3ImageProcessor(size={"height": size, "width": size}, mask_size={"height": mask, "width": mask}),
            video_processor=Sam2VideoVideoProcessor(size={"height": size, "width": size}),
            tokenizer=clip_tokenizer(),
            target_size=size,
        )
    if tiny:
        # Random object-score heads say "absent" half the time, which blanks every tracked mask;
        # a positive bias keeps objects present, so tests see masks move through the video.
        with torch.no_grad():
            for name, module in model.named_modules():
                if name.endswith("pred_obj_score_head"):
                    module.proj_out.bias.fill_(10.0)
    model.eval().save_pretrained(tmp)
    processor.save_pretrained(tmp)
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)  # never leave a half-written folder under the final name
    return out

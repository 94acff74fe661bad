/** Names shared by the ResNet50 conversion steps. */

/** The backbone is cut here: its output is the global-average-pooled feature vector (BACKBONE_FEATURE_SIZE long). */
export const FEATURES_LAYER = 'avg_pool';
/** The converted model's own card id (its folder and classifier files use BACKBONE_ID in src/ml/photos/backbone-spec.ts). */
export const CONVERTED_CARD_ID = 'resnet50-imagenet-features';

/** Names shared by the ResNet50 conversion steps. */

/** The backbone is cut here: its output is the 2048-d global-average-pooled feature vector. */
export const FEATURES_LAYER = 'avg_pool';
export const BACKBONE_ID = 'resnet50-imagenet-features';

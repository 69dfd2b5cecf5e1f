"""The one strings table: every UI text in English and Korean (terms from shared/docs/glossary-ko.md).

`t(key, lang, **values)` fills `{name}` placeholders. A test checks every key has both languages
with the same placeholders, and that every key the pages use exists.
"""

from __future__ import annotations

LANGS = ("en", "ko")

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "nav_home": ("Home", "홈"),
    "nav_image": ("Image", "이미지"),
    "nav_conv": ("Convolution", "합성곱"),
    "nav_pool": ("Pooling", "풀링"),
    "nav_channels": ("Channels & filters", "채널과 필터"),
    "open_page": ("Open", "열기"),
    "nav_image_blurb": ("An image is a grid of numbers: samples, uploads, drawings, pixels.",
                        "이미지는 숫자의 격자입니다: 예제, 업로드, 그리기, 픽셀 편집."),
    "nav_conv_blurb": ("Slide a kernel: stride, padding, dilation, and every multiply-add of one step.",
                       "커널 움직이기: 스트라이드, 패딩, 팽창, 그리고 한 단계의 모든 곱셈과 덧셈."),
    "nav_pool_blurb": ("Max, average, min and global pooling: which pixel wins, and why it helps.",
                       "최대·평균·최소·전역 풀링: 어떤 픽셀이 뽑히고 왜 도움이 되는지."),
    "nav_channels_blurb": ("Colour channels, filters vs kernels, stacks of feature maps, receptive fields.",
                           "컬러 채널, 필터와 커널의 차이, 특징 맵의 쌓임, 수용 영역."),
    # home
    "home_title": ("Conv Playground", "합성곱 놀이터 (Conv Playground)"),
    "home_intro": ("A convolutional neural network (CNN) first extracts features with convolution, activation and "
                   "pooling, repeated; then it classifies with flatten, dense and softmax. The shapes below are "
                   "those of a 28×28 handwritten digit going through a small CNN. Open any block to see it work.",
                   "합성곱 신경망(CNN)은 먼저 합성곱 → 활성화 함수 → 풀링을 반복하며 특징을 추출하고, 그다음 평탄화 → "
                   "완전 연결층 → 소프트맥스로 분류합니다. 아래 형상(shape)은 28×28 손글씨 숫자가 작은 CNN을 지나며 바뀌는 "
                   "모습입니다. 블록을 열어 직접 확인해 보세요."),
    "home_feature_extraction": ("Feature extraction", "특징 추출"),
    "home_classification": ("Classification", "분류"),
    "home_why_title": ("Why not a plain fully connected network?", "왜 완전 연결 신경망만으로는 부족할까요?"),
    "home_why_body": ("- **Shape is lost.** Flattening turns the picture into one long row of numbers: neighbouring "
                      "pixels are no longer neighbours, and a 1-pixel shift changes every input.\n"
                      "- **Parameters explode.** A dense layer with 100 units on a 224×224×3 photo needs "
                      "**{dense}** weights and biases; a convolution layer with 100 filters of 3×3 needs **{conv}**, "
                      "because the same small kernel is shared across the whole image.",
                      "- **형상이 사라집니다.** 평탄화하면 그림이 한 줄의 숫자로 바뀌어 이웃한 픽셀이 더는 이웃이 아니고, 1픽셀만 "
                      "이동해도 모든 입력이 달라집니다.\n"
                      "- **매개변수(파라미터)가 폭발합니다.** 224×224×3 사진에 유닛 100개짜리 완전 연결층을 쓰면 가중치와 편향이 "
                      "**{dense}**개 필요하지만, 3×3 필터 100개짜리 합성곱층은 **{conv}**개면 됩니다. 작은 커널 하나를 이미지 "
                      "전체에서 공유하기(공유 가중치) 때문입니다."),
    "block_input": ("Input", "입력"),
    "block_conv": ("Convolution", "합성곱"),
    "block_relu": ("ReLU", "ReLU"),
    "block_pool": ("Pooling", "풀링"),
    "block_flatten": ("Flatten", "평탄화 (Flatten)"),
    "block_dense": ("Dense", "완전 연결층 (Dense)"),
    "block_softmax": ("Softmax", "소프트맥스"),
    # image page
    "image_title": ("Image", "이미지"),
    "image_intro": ("To a computer an image is a grid of numbers. Pick a sample, upload a picture, draw, or type "
                    "pixels; every page then works on this image.",
                    "컴퓨터에게 이미지는 숫자의 격자입니다. 예제를 고르거나, 사진을 올리거나, 그리거나, 픽셀 값을 직접 입력하세요. "
                    "모든 페이지가 이 이미지를 사용합니다."),
    "image_source": ("Where from", "가져오기"),
    "source_sample": ("Samples", "예제"),
    "source_upload": ("Upload", "업로드"),
    "source_draw": ("Draw", "그리기"),
    "source_pixels": ("Pixel editor", "픽셀 편집기"),
    "sample_label": ("Sample image", "예제 이미지"),
    "sample_astronaut": ("Photo: astronaut (512×512, colour)", "사진: 우주비행사 (512×512, 컬러)"),
    "sample_cat": ("Photo: cat (300×451, colour)", "사진: 고양이 (300×451, 컬러)"),
    "sample_digit": ("Handwritten digit (28×28)", "손글씨 숫자 (28×28)"),
    "sample_shapes": ("Simple shapes (64×64)", "간단한 도형 (64×64)"),
    "sample_grid6": ("6×6 number grid (for hand calculation)", "6×6 숫자 격자 (손 계산용)"),
    "sample_grid5": ("5×5 number grid (for hand calculation)", "5×5 숫자 격자 (손 계산용)"),
    "upload_label": ("An image file (PNG, JPG, WebP, GIF, BMP; up to 20 MB)",
                     "이미지 파일 (PNG, JPG, WebP, GIF, BMP; 최대 20MB)"),
    "upload_ok": ("Using {name}.", "{name}을(를) 사용합니다."),
    "canvas_unavailable": ("The drawing canvas is not available here; use a sample or an upload.",
                           "여기서는 그리기 캔버스를 쓸 수 없습니다. 예제나 업로드를 사용하세요."),
    "use_drawing": ("Use my drawing", "내 그림 사용하기"),
    "pixel_editor_help": ("Type brightness values 0–255 (0 is dark, 255 is bright), then use them as the image.",
                          "명암 값 0–255를 입력하세요 (0에 가까울수록 어둡고 255에 가까울수록 밝음). 그다음 이미지로 사용하세요."),
    "use_pixels": ("Use these pixels", "이 픽셀 사용하기"),
    "image_as_numbers": ("The image as numbers", "숫자로 본 이미지"),
    "image_shape": ("Shape (height, width, channels): **{shape}** — {kind}.",
                    "형상(shape) (높이, 너비, 채널): **{shape}** — {kind}."),
    "gray": ("a grayscale image: one number per pixel", "흑백 이미지: 픽셀마다 숫자 하나"),
    "rgb": ("a colour image: three numbers per pixel (red, green, blue)",
            "컬러 이미지: 픽셀마다 숫자 세 개 (빨강, 초록, 파랑)"),
    "the_image": ("The image", "이미지"),
    "zoom_size": ("Zoom: grid size", "확대: 격자 크기"),
    "zoom_top": ("Zoom: top row", "확대: 위쪽 행"),
    "zoom_left": ("Zoom: left column", "확대: 왼쪽 열"),
    "pixel_values": ("Pixel values", "픽셀 값"),
    "channel_r": ("Red", "빨강"),
    "channel_g": ("Green", "초록"),
    "channel_b": ("Blue", "파랑"),
    "rgb_planes": ("Channels (R, G, B) side by side", "채널 (빨강, 초록, 파랑) 나란히 보기"),
    "brightness_note": ("Brightness runs from 0 (dark) to 255 (bright).",
                        "명암은 0(어두움)부터 255(밝음)까지입니다."),
    "using_image": ("Image: {name} · shape {shape} · change it on the Image page.",
                    "이미지: {name} · 형상 {shape} · 이미지 페이지에서 바꿀 수 있습니다."),
    # convolution page
    "conv_title": ("Convolution", "합성곱"),
    "stride": ("Stride", "스트라이드(stride)"),
    "stride_help": ("How many pixels the window moves at each step.", "필터가 이동하는 간격(픽셀 수)입니다."),
    "dilation": ("Dilation", "팽창(dilation)"),
    "dilation_help": ("Spreads the kernel's taps apart: a 3×3 kernel with dilation 2 covers 5×5.",
                      "커널의 칸 사이를 벌립니다. 팽창 2인 3×3 커널은 5×5 영역을 봅니다."),
    "padding": ("Padding", "패딩"),
    "pad_number": ("amount", "직접 지정"),
    "pad_valid": ("valid (none)", "없음 (valid)"),
    "pad_same": ("same (keep size)", "크기 유지 (same)"),
    "padding_amount": ("Padding (pixels per side)", "패딩 (한쪽당 픽셀 수)"),
    "padding_mode": ("Padding mode", "패딩 방식"),
    "mode_zeros": ("zeros", "제로 패딩"),
    "mode_reflect": ("reflect", "반사 (reflect)"),
    "mode_replicate": ("replicate edge", "가장자리 복제 (replicate)"),
    "mode_circular": ("circular (wrap)", "순환 (circular)"),
    "bias": ("Bias", "편향"),
    "activation": ("Activation function", "활성화 함수"),
    "act_none": ("none", "없음"),
    "act_relu": ("ReLU", "ReLU"),
    "kernel_preset": ("Kernel preset", "커널 프리셋"),
    "kernel_values": ("Kernel values (one row per line)", "커널 값 (한 줄에 한 행)"),
    "kernel_values_help": ("Type numbers separated by spaces; 1×1 up to 7×7. Decimals and negatives are fine.",
                           "숫자를 공백으로 구분해 입력하세요. 1×1부터 7×7까지, 소수와 음수도 됩니다."),
    "kernel": ("Kernel", "커널"),
    "window": ("Window (input under the kernel)", "윈도우 (커널 아래의 입력)"),
    "products": ("Products", "원소별 곱"),
    "kernel_size": ("Kernel size", "커널 크기"),
    "output_size": ("Output size", "출력 크기"),
    "does_not_fit": ("{axis}: the formula gives {exact}, not a whole number. Frameworks round down to {size}: the "
                     "last window that does not fit is dropped.",
                     "{axis}: 공식의 값({exact})이 정수가 아닙니다. 프레임워크는 내림한 값({size})을 쓰고, "
                     "들어맞지 않는 마지막 윈도우는 버립니다."),
    "does_not_fit_rows": ("So the image's last {n} rows of pixels are never read (switch on the coverage map below).",
                          "그래서 이미지의 마지막 {n}개 행은 한 번도 읽히지 않습니다 (아래 사용 횟수 지도를 켜 보세요)."),
    "does_not_fit_rows_1": ("So the image's last row of pixels is never read (switch on the coverage map below).",
                            "그래서 이미지의 마지막 행은 한 번도 읽히지 않습니다 (아래 사용 횟수 지도를 켜 보세요)."),
    "does_not_fit_cols": ("So the image's last {n} columns of pixels are never read (switch on the coverage map below).",
                          "그래서 이미지의 마지막 {n}개 열은 한 번도 읽히지 않습니다 (아래 사용 횟수 지도를 켜 보세요)."),
    "does_not_fit_cols_1": ("So the image's last column of pixels is never read (switch on the coverage map below).",
                            "그래서 이미지의 마지막 열은 한 번도 읽히지 않습니다 (아래 사용 횟수 지도를 켜 보세요)."),
    "does_not_fit_both": ("So the image's last {n} rows and {n} columns of pixels are never read (switch on the coverage "
                          "map below).",
                          "그래서 이미지의 마지막 {n}개 행과 {n}개 열은 한 번도 읽히지 않습니다 (아래 사용 횟수 지도를 켜 보세요)."),
    "does_not_fit_both_1": ("So the image's last row and last column of pixels are never read (switch on the coverage map "
                            "below).",
                            "그래서 이미지의 마지막 행과 마지막 열은 한 번도 읽히지 않습니다 (아래 사용 횟수 지도를 켜 보세요)."),
    "does_not_fit_padding": ("What it would have covered beyond the last window is padding: every pixel of the image "
                             "is still read.",
                             "마지막 윈도우 너머에 남는 부분은 패딩뿐이라 이미지의 픽셀은 모두 읽힙니다."),
    "step_title": ("Step by step", "한 단계씩"),
    "step_prev": ("Previous position", "이전 위치"),
    "step_next": ("Next position", "다음 위치"),
    "step_position": ("Window position (row by row)", "윈도우 위치 (행 순서)"),
    "input_padded": ("Input (with padding)", "입력 (패딩 포함)"),
    "input": ("Input", "입력"),
    "feature_map": ("Feature map (click a cell)", "특징 맵 (칸을 클릭하세요)"),
    "after_activation": ("After activation: {act}", "활성화 후: {act}"),
    "cell_value": ("Output cell (row {i}, column {j}) = sum of window × kernel (+ bias):",
                   "출력 칸 (행 {i}, 열 {j}) = 윈도우 × 커널의 합 (+ 편향):"),
    "pool_cell_value_max": ("Output cell (row {i}, column {j}) = the largest value in the window:",
                            "출력 칸 (행 {i}, 열 {j}) = 윈도우에서 가장 큰 값:"),
    "pool_cell_value_min": ("Output cell (row {i}, column {j}) = the smallest value in the window:",
                            "출력 칸 (행 {i}, 열 {j}) = 윈도우에서 가장 작은 값:"),
    "pool_cell_value_avg": ("Output cell (row {i}, column {j}) = the average of the window:",
                            "출력 칸 (행 {i}, 열 {j}) = 윈도우 값들의 평균:"),
    "window_reads_padding": ("{n} of the window's cells are padding.", "윈도우의 칸 중 {n}개가 패딩입니다."),
    "animation_title": ("Play the sliding window", "슬라이딩 윈도우 재생하기"),
    "coverage_title": ("How often each pixel is used", "픽셀마다 쓰이는 횟수"),
    "coverage_help": ("Each cell counts the windows that read that pixel. Without padding, border pixels are used "
                      "less than centre ones. Pixels never used now: {n}.",
                      "각 칸은 그 픽셀을 읽는 윈도우의 수입니다. 패딩이 없으면 가장자리 픽셀이 가운데보다 덜 쓰입니다. 지금 한 번도 "
                      "쓰이지 않는 픽셀: {n}개."),
    "coverage_corner": ("The top-left {n}×{n} corner, where the border effects are.",
                        "가장자리 효과가 보이는 왼쪽 위 {n}×{n} 구석입니다."),
    "no_activation": ("No activation function: the feature map is the output. Choose ReLU to see negatives set to 0.",
                      "활성화 함수가 없으면 특징 맵이 곧 출력입니다. ReLU를 고르면 음수가 0이 되는 것을 볼 수 있습니다."),
    "coverage_toggle_help": ("A map of how many windows read each pixel: border pixels count less without padding.",
                             "각 픽셀을 읽는 윈도우의 수를 보여 주는 지도입니다. 패딩이 없으면 가장자리 픽셀이 덜 쓰입니다."),
    "coverage_with": ("With these settings", "지금 설정"),
    "coverage_without": ("Without padding", "패딩 없이"),
    # pooling page
    "pool_title": ("Pooling", "풀링"),
    "pool_mode": ("Pooling type", "풀링 종류"),
    "pool_max": ("max pooling", "최대 풀링"),
    "pool_avg": ("average pooling", "평균 풀링"),
    "pool_min": ("min pooling", "최소 풀링"),
    "pool_global_avg": ("global average pooling", "전역 평균 풀링"),
    "pool_global_max": ("global max pooling", "전역 최대 풀링"),
    "pool_window": ("Window", "윈도우 크기"),
    "pool_padding_help": ("At most half the window, as in PyTorch. Max pooling pads with −∞ (never wins); average "
                          "pooling pads with 0 and counts it.",
                          "PyTorch처럼 윈도우 크기의 절반까지입니다. 최대 풀링은 −∞로 패딩하고(절대 뽑히지 않음), 평균 풀링은 0으로 "
                          "패딩해 개수에 포함합니다."),
    "noise_level": ("Noise for the experiment", "실험용 잡음 크기"),
    "pooled": ("Pooled output (click a cell)", "풀링 출력 (칸을 클릭하세요)"),
    "winner": ("The winning pixel is at row {r}, column {c} of the padded input.",
               "뽑힌 픽셀은 패딩된 입력의 {r}행 {c}열입니다."),
    "experiments": ("Two experiments", "두 가지 실험"),
    "shift_metric": ("Change after a 1-pixel shift (100% = as much as the image itself changed)",
                     "1픽셀 이동 후 변화 (100% = 이미지 자체가 변한 만큼)"),
    "noise_metric_max": ("Max pooling: change from noise", "최대 풀링: 잡음에 의한 변화"),
    "noise_metric_avg": ("Average pooling: change from noise", "평균 풀링: 잡음에 의한 변화"),
    "noise_help": ("Mean change of the output when random noise is added to the image. Averaging cancels noise; "
                   "the maximum picks the largest noisy value.",
                   "이미지에 무작위 잡음을 더했을 때 출력의 평균 변화입니다. 평균은 잡음을 상쇄하고, 최댓값은 가장 큰 잡음 값을 "
                   "고릅니다."),
    # channels page
    "channels_title": ("Channels & filters", "채널과 필터"),
    "n_filters": ("Number of filters", "필터 개수"),
    "pool_after": ("Pooling after ReLU", "ReLU 뒤 풀링"),
    "pool_none": ("none", "없음"),
    "one_filter_title": ("One filter on a colour image", "컬러 이미지에 필터 하나"),
    "one_filter_help": ("A filter for an RGB image has one {k}×{k} kernel per input channel. Each kernel slides over "
                        "its own channel; the three partial maps are added, then the bias.",
                        "RGB 이미지용 필터는 입력 채널마다 {k}×{k} 커널을 하나씩 가집니다. 각 커널이 자기 채널 위를 움직이고, "
                        "세 개의 부분 맵을 더한 뒤 편향을 더합니다."),
    "sum_of_channels": ("Sum of the three partial maps", "세 부분 맵의 합"),
    "plus_bias": ("+ bias ({b}) = the filter's feature map", "+ 편향 ({b}) = 필터의 특징 맵"),
    "kernel_vs_filter": ("Kernel vs filter: a kernel is one {k}×{k} grid; a filter is {c} kernels stacked, one per "
                         "input channel ({k}×{k}×{c}). One filter gives one feature map.",
                         "커널과 필터: 커널은 {k}×{k} 격자 하나이고, 필터는 입력 채널마다 하나씩 커널 {c}개를 쌓은 것입니다 "
                         "({k}×{k}×{c}). 필터 하나가 특징 맵 하나를 만듭니다."),
    "stack_title": ("Many filters: a stack of feature maps", "여러 필터: 특징 맵 쌓기"),
    "stack_shape": ("Each filter gives one feature map (after ReLU); stacked they form an output of shape "
                    "(H, W, C) = **({h}, {w}, {c})**: the depth equals the number of filters.",
                    "필터마다 특징 맵이 하나씩 생기고(ReLU 후), 이 맵들을 쌓은 출력의 형상은 (H, W, C) = **({h}, {w}, {c})** 입니다. "
                    "깊이는 필터 개수와 같습니다."),
    "layers_title": ("Stacking layers: H and W shrink, depth grows", "층 쌓기: 높이·너비는 줄고 깊이는 늘어납니다"),
    "n_layers": ("Conv layers", "합성곱층 수"),
    "filters_first": ("Filters in the first layer (+4 per layer)", "첫 층의 필터 수 (층마다 +4)"),
    "pool_each": ("2×2 max pool after each", "층마다 2×2 최대 풀링"),
    "receptive_field": ("Receptive field of the top-left output cell of the last layer: **{h}×{w}** input pixels "
                        "(rows from {top}, columns from {left}).",
                        "마지막 층 왼쪽 위 출력 칸의 수용 영역: 입력 픽셀 **{h}×{w}** ({top}행, {left}열부터)."),
    "receptive_on_input": ("Receptive field on the input", "입력 위의 수용 영역"),
    # training
    "nav_train": ("Train a CNN", "CNN 학습하기"),
    "nav_digit": ("Try your digit", "내 숫자 시험하기"),
    "train_title": ("Train a CNN live", "CNN 실시간 학습"),
    "train_intro": ("Build a small CNN and train it right here on 4,000 real handwritten digits (MNIST) or "
                    "4,000 coloured shapes; it is tested on 1,000 images it never saw. Watch the loss fall and the "
                    "first filters take shape. At the end, a fully connected network (MLP) with more parameters is "
                    "trained on the same data for comparison.",
                    "작은 CNN을 만들어 실제 손글씨 숫자(MNIST) 4,000개나 색깔 도형 4,000개로 바로 여기서 학습합니다. "
                    "학습에 쓰지 않은 이미지 1,000개로 테스트합니다. 손실이 줄고 첫 층의 필터가 모양을 갖추는 것을 "
                    "지켜보세요. 끝나면 매개변수가 더 많은 완전 연결 신경망(MLP)을 같은 데이터로 학습해 비교합니다."),
    "n_blocks": ("Conv blocks (conv → ReLU → pool)", "합성곱 블록 수 (합성곱 → ReLU → 풀링)"),
    "filters_first_block": ("Filters in the first block (doubling)", "첫 블록의 필터 수 (블록마다 두 배)"),
    "pool_kind": ("Pooling", "풀링"),
    "optimizer": ("Optimizer", "옵티마이저"),
    "learning_rate": ("Learning rate", "학습률"),
    "batch_size": ("Batch size", "배치 크기"),
    "epochs": ("Epochs", "에폭"),
    "data_fraction": ("Share of the training data", "사용할 학습 데이터 비율"),
    "layer_table": ("Layers, output shapes and parameters", "층, 출력 형상, 매개변수"),
    "col_layer": ("Layer", "층"),
    "col_shape": ("Output shape (C, H, W)", "출력 형상 (C, H, W)"),
    "col_params": ("Parameters", "매개변수"),
    "col_arith": ("How the count is made", "개수 계산"),
    "total_params": ("Total parameters: **{n}**", "전체 매개변수: **{n}**"),
    "btn_train": ("Train", "학습 시작"),
    "btn_pause": ("Pause", "일시 정지"),
    "btn_resume": ("Resume", "계속"),
    "btn_reset": ("Reset", "초기화"),
    "press_train": ("Press Train to start. It takes a few seconds.", "학습 시작을 누르세요. 몇 초면 됩니다."),
    "progress_text": ("Batch {step} of {total} · epoch {epoch}", "배치 {step} / {total} · 에폭 {epoch}"),
    "loss": ("Loss", "손실"),
    "train_accuracy": ("Training accuracy", "훈련 정확도"),
    "test_accuracy": ("Test accuracy", "테스트 정확도"),
    "examples_per_second": ("Examples / second", "초당 학습 예제 수"),
    "state": ("State", "상태"),
    "state_running": ("training", "학습 중"),
    "state_paused": ("paused", "일시 정지"),
    "state_done": ("done", "완료"),
    "first_filters": ("First-layer filters (blue negative, red positive)", "첫 층의 필터 (파랑 음수, 빨강 양수)"),
    "results": ("Results", "결과"),
    "cnn_accuracy": ("CNN test accuracy", "CNN 테스트 정확도"),
    "mlp_accuracy": ("MLP test accuracy", "MLP 테스트 정확도"),
    "cnn_vs_mlp": ("The CNN has {cnn} parameters; the MLP has {mlp}. Sharing small kernels across the image "
                   "does more with fewer weights.",
                   "CNN의 매개변수는 {cnn}개, MLP는 {mlp}개입니다. 작은 커널을 이미지 전체에서 공유하면 더 적은 가중치로 "
                   "더 잘합니다."),
    "confusion": ("Confusion matrix (row: true class, column: predicted)", "혼동 행렬 (행: 실제 클래스, 열: 예측)"),
    "confusion_help": ("The diagonal counts correct answers; bright cells off the diagonal are the usual mix-ups.",
                       "대각선은 맞힌 개수이고, 대각선 밖의 밝은 칸은 자주 헷갈리는 경우입니다."),
    "misclassified": ("Test images the CNN got wrong", "CNN이 틀린 테스트 이미지"),
    "dataset": ("Data", "데이터"),
    "dataset_digits": ("handwritten digits (MNIST, grayscale)", "손글씨 숫자 (MNIST, 흑백 이미지)"),
    "dataset_shapes": ("coloured shapes (RGB, 8 classes)", "색깔 도형 (컬러 이미지, 8개 클래스)"),
    "shapes_intro": ("Coloured shapes, drawn fresh by the app: red or blue × circle, square, triangle, cross "
                     "(4,000 to train, 1,000 to test). The colour is part of the answer, so each first-layer filter "
                     "has a kernel per channel (R, G, B) and learns colours as well as edges.",
                     "앱이 새로 그린 색깔 도형입니다: 빨강 또는 파랑 × 원, 사각형, 삼각형, 십자 (학습 4,000개, 테스트 "
                     "1,000개). 색도 정답의 일부이므로 첫 층의 필터는 채널(빨강, 초록, 파랑)마다 커널을 하나씩 가지고 "
                     "모서리뿐 아니라 색도 학습합니다."),
    "first_filters_rgb": ("First-layer filters in colour: each pixel's colour is the kernel's R, G, B weights "
                          "(gray = 0)", "첫 층의 필터 (컬러): 픽셀의 색이 커널의 빨강·초록·파랑 가중치입니다 (회색 = 0)"),
    "class_legend": ("Classes: {legend}", "클래스: {legend}"),
    "cls_red_circle": ("red circle", "빨간 원"),
    "cls_blue_circle": ("blue circle", "파란 원"),
    "cls_red_square": ("red square", "빨간 사각형"),
    "cls_blue_square": ("blue square", "파란 사각형"),
    "cls_red_triangle": ("red triangle", "빨간 삼각형"),
    "cls_blue_triangle": ("blue triangle", "파란 삼각형"),
    "cls_red_cross": ("red cross", "빨간 십자"),
    "cls_blue_cross": ("blue cross", "파란 십자"),
    "digit_needs_digits": ("This page tests a handwritten-digit model; the model in your session learned coloured "
                           "shapes. Train one on the digits first.",
                           "이 페이지는 손글씨 숫자 모델을 테스트합니다. 지금 세션의 모델은 색깔 도형을 학습했습니다. "
                           "먼저 숫자로 학습하세요."),
    "true_pred": ("true {t} → {p}", "실제 {t} → {p}"),
    "download_weights": ("Download the weights (.pt)", "가중치 내려받기 (.pt)"),
    "download_code": ("Download the PyTorch code (.py)", "PyTorch 코드 내려받기 (.py)"),
    "digit_title": ("Try your digit", "내 숫자 시험하기"),
    "train_first": ("Train a model first: it stays in your browser session only.",
                    "먼저 모델을 학습하세요. 모델은 내 브라우저 세션에만 있습니다."),
    "digit_source": ("Digit", "숫자"),
    "digit_source_test": ("a test digit", "테스트 숫자"),
    "digit_source_draw": ("draw one", "직접 그리기"),
    "test_index": ("Test digit number", "테스트 숫자 번호"),
    "true_label": ("True label: {t}", "실제 정답: {t}"),
    "draw_something": ("Draw a digit (white on black) to test the model.", "모델을 테스트하려면 숫자를 그리세요 (검은 바탕에 흰색)."),
    "preprocessing": ("Preprocessing, as MNIST did", "MNIST와 같은 전처리"),
    "prep_original": ("original: {h}×{w}", "원본: {h}×{w}"),
    "prep_cropped": ("cropped to the ink: {h}×{w}", "글씨 부분만 자르기: {h}×{w}"),
    "prep_scaled": ("longer side scaled to 20: {h}×{w}", "긴 쪽을 20으로 맞추기: {h}×{w}"),
    "prep_centred": ("centred by its mass in 28×28", "무게중심을 28×28 가운데에 놓기"),
    "robustness": ("Robustness: disturb the digit", "강건성: 숫자 흔들어 보기"),
    "shift_x": ("Shift right (px)", "오른쪽 이동 (픽셀)"),
    "shift_y": ("Shift down (px)", "아래 이동 (픽셀)"),
    "rotate": ("Rotate (°)", "회전 (°)"),
    "noise": ("Noise", "잡음"),
    "brightness": ("Brightness", "밝기"),
    "model_input": ("What the model sees (28×28)", "모델이 보는 입력 (28×28)"),
    "probability": ("probability", "확률"),
    "feature_maps_all": ("Feature maps of every layer", "모든 층의 특징 맵"),
    "feature_maps_test": ("Feature maps of every layer for a test image", "테스트 이미지 하나에 대한 모든 층의 특징 맵"),
    "test_image_index": ("Test image number", "테스트 이미지 번호"),
    "data_size_title": ("How much data does each need?", "데이터가 얼마나 필요할까요?"),
    "data_size_help": ("Trains a CNN and an MLP on 50, 100, 200 and 400 digits per class (same number of steps) "
                       "and plots their test accuracy. Takes about 15 seconds.",
                       "클래스마다 50, 100, 200, 400개의 숫자로 CNN과 MLP를 (같은 단계 수로) 학습해 테스트 정확도를 그립니다. "
                       "15초쯤 걸립니다."),
    "data_size_run": ("Run the experiment", "실험 실행"),
    "data_size_running": ("Training 8 small models…", "작은 모델 8개를 학습하는 중…"),
    "per_class": ("training digits per class", "클래스당 학습 숫자 수"),
    # model page
    "nav_model": ("Model", "모델"),
    "nav_gallery": ("Architectures", "대표 구조"),
    "model_title": ("Model: shapes and parameters", "모델: 형상과 매개변수"),
    "model_intro": ("Paste the model code from a tutorial. It is read, never run: you get the table of "
                    "`model.summary()`, with how each parameter count is made.",
                    "튜토리얼의 모델 코드를 붙여 넣으세요. 코드는 읽기만 하고 실행하지 않습니다. `model.summary()`의 표와 "
                    "매개변수 개수를 계산하는 방법을 보여 줍니다."),
    "framework": ("Framework", "프레임워크"),
    "paste_code": ("Model code", "모델 코드"),
    "col_output": ("Output shape", "출력 형상"),
    "col_macs": ("Multiply-adds", "곱셈-덧셈 수"),
    "model_totals": ("Total parameters: **{params}** · multiply-adds per image: **{macs}**",
                     "전체 매개변수: **{params}** · 이미지 하나당 곱셈-덧셈: **{macs}**"),
    "export_title": ("The same model in {other}", "같은 모델을 {other}로"),
    "fc_vs_conv_title": ("Fully connected vs convolution", "완전 연결층과 합성곱층 비교"),
    "units_filters": ("Units / filters (N)", "유닛 / 필터 수 (N)"),
    "dense_layer": ("Dense layer, {n} units: parameters", "완전 연결층 (유닛 {n}개): 매개변수"),
    "conv_layer": ("3×3 conv layer, {n} filters, 'same' padding: parameters", "3×3 합성곱층 (필터 {n}개, 'same' 패딩): 매개변수"),
    "macs_n": ("{n} multiply-adds", "곱셈-덧셈 {n}번"),
    "shift_demo": ("Shift your image 1 pixel right: **{changed}** of the flattened input vector changes (what a "
                   "dense layer sees), while the feature map simply moves by one pixel: **{moves}** "
                   "(translation equivariance).",
                   "이미지를 오른쪽으로 1픽셀 옮기면 평탄화한 입력 벡터(완전 연결층이 보는 것)에서 바뀌는 값의 비율: **{changed}**. "
                   "하지만 특징 맵은 한 픽셀 옮겨질 뿐입니다: **{moves}** (이동 등변성)."),
    "yes": ("yes", "예"),
    "no": ("no", "아니요"),
    "map_before": ("Feature map (Sobel x)", "특징 맵 (소벨 x)"),
    "map_after": ("Feature map after the 1-px shift", "1픽셀 이동 후 특징 맵"),
    "block_picture": ("Picture of a block (shapes through it)", "블록 그림 (지나가는 형상)"),
    "blocks_title": ("Building blocks", "구성 블록"),
    "blocks_no_bias": ("Weights only, in every row: biases are left out, as in networks that follow each convolution "
                       "with batch normalisation (its own shift makes a bias redundant).",
                       "모든 행은 가중치만 셉니다. 합성곱마다 배치 정규화를 두는 신경망처럼 편향은 뺐습니다 "
                       "(배치 정규화의 이동 값이 편향 역할을 합니다)."),
    "groups": ("Groups", "그룹 수"),
    "block": ("Block", "블록"),
    "why": ("What it is for", "쓰임새"),
    "macs_arith": ("How the multiply-adds are counted", "곱셈-덧셈 계산"),
    "blk_standard": ("Standard 3×3 conv", "표준 3×3 합성곱"),
    "blk_standard_why": ("Every output channel looks at every input channel.", "모든 출력 채널이 모든 입력 채널을 봅니다."),
    "blk_1x1": ("1×1 conv", "1×1 합성곱"),
    "blk_1x1_why": ("Mixes channels per pixel; a cheap bottleneck.", "픽셀마다 채널을 섞습니다. 값싼 병목입니다."),
    "blk_two_3x3": ("Two stacked 3×3", "3×3 두 번"),
    "blk_two_3x3_why": ("Sees 5×5 like one 5×5 conv, with fewer weights (VGG).",
                        "5×5 하나와 같은 영역을 더 적은 가중치로 봅니다 (VGG)."),
    "blk_one_5x5": ("One 5×5", "5×5 한 번"),
    "blk_one_5x5_why": ("The same receptive field as two 3×3.", "3×3 두 번과 같은 수용 영역입니다."),
    "blk_depthwise": ("Depthwise-separable", "깊이별 분리 합성곱"),
    "blk_depthwise_why": ("3×3 per channel, then 1×1 to mix (MobileNet).", "채널마다 3×3, 그다음 1×1로 섞기 (MobileNet)."),
    "blk_grouped": ("Grouped 3×3 conv", "그룹 3×3 합성곱"),
    "blk_grouped_why": ("Channels split into groups; channel shuffle lets groups talk (ShuffleNet).",
                        "채널을 그룹으로 나누고, 채널 셔플로 그룹끼리 섞습니다 (ShuffleNet)."),
    "blk_residual": ("Residual add", "잔차 연결 (더하기)"),
    "blk_residual_why": ("Adds the input to the output: no weights, deep nets train (ResNet).",
                         "입력을 출력에 더합니다. 가중치가 없으며, 깊은 신경망도 잘 학습되게 해 줍니다 (ResNet)."),
    "blk_concat": ("Concatenation", "이어 붙이기"),
    "blk_concat_why": ("Stacks maps along depth: features are reused (DenseNet).",
                       "특징 맵을 깊이 방향으로 쌓아 재사용합니다 (DenseNet)."),
    "blk_fire": ("Fire module", "파이어 모듈"),
    "blk_fire_why": ("Squeeze with 1×1, expand with 1×1 and 3×3 (SqueezeNet).",
                     "1×1로 줄이고 1×1과 3×3으로 넓힙니다 (SqueezeNet)."),
    "blk_inception": ("Inception module", "인셉션 모듈"),
    "blk_inception_why": ("1×1, 3×3, 3×3 and pool branches side by side (GoogLeNet).",
                          "1×1, 3×3, 3×3, 풀링 갈래를 나란히 (GoogLeNet)."),
    "gallery_title": ("Architecture gallery", "대표 CNN 구조"),
    "gallery_intro": ("The networks that made CNNs win ImageNet, for a 224×224×3 input. Parameter counts and "
                      "multiply-adds are computed from compact definitions (no weights are loaded).",
                      "ImageNet 대회에서 CNN의 시대를 연 신경망들입니다 (입력 224×224×3). 매개변수와 곱셈-덧셈 수는 간결한 정의로 "
                      "계산합니다 (가중치를 불러오지 않습니다)."),
    "g_name": ("Network", "신경망"),
    "g_year": ("Year", "연도"),
    "g_idea": ("The idea", "핵심 아이디어"),
    "g_top1": ("Top-1 error (%)", "Top-1 오류율 (%)"),
    "g_top15": ("Top-1 / Top-5 error (%)", "Top-1 / Top-5 오류율 (%)"),
    "g_top5": ("Top-5 error (%)", "Top-5 오류율 (%)"),
    "g_kind": ("Kind", "종류"),
    "gallery_source": ("Errors: ImageNet-1k validation, single 224 crop, as published in the torchvision model "
                       "documentation for its IMAGENET1K_V1 weights (error = 100 − accuracy).",
                       "오류율: ImageNet-1k 검증 세트, 224 단일 크롭, torchvision 모델 문서에 발표된 IMAGENET1K_V1 가중치 "
                       "값입니다 (오류율 = 100 − 정확도)."),
    "model_error": ("The code could not be read: {detail}", "코드를 읽을 수 없습니다: {detail}"),
    # quiz, exports, presentation, links
    "quiz_mode": ("Predict first (quiz)", "먼저 예측하기 (퀴즈)"),
    "quiz_help": ("Type the output size and the highlighted cell's value before they are shown.",
                  "출력 크기와 강조된 칸의 값을 보기 전에 먼저 입력하세요."),
    "quiz_height": ("Output height?", "출력 높이는?"),
    "quiz_width": ("Output width?", "출력 너비는?"),
    "quiz_value": ("Value of cell ({i}, {j})?", "칸 ({i}, {j})의 값은?"),
    "quiz_check": ("Check", "확인"),
    "quiz_waiting": ("Make your prediction, then press Check to see the answer and the arithmetic.",
                     "예측한 뒤 확인을 누르면 정답과 계산 과정이 나옵니다."),
    "quiz_size_right": ("Right: the output is {h}×{w}.", "정답: 출력은 {h}×{w}입니다."),
    "quiz_size_wrong": ("Not quite: the output is {h}×{w}. The formula below shows why.",
                        "아쉽네요: 출력은 {h}×{w}입니다. 아래 공식이 이유를 보여 줍니다."),
    "quiz_value_right": ("Right: the cell is {v}.", "정답: 칸의 값은 {v}입니다."),
    "quiz_value_wrong": ("Not quite: the cell is {v}. The arithmetic below adds it up.",
                         "아쉽네요: 칸의 값은 {v}입니다. 아래 계산을 확인하세요."),
    "copy_link": ("Copy lesson link", "수업 링크 복사"),
    "copy_link_help": ("This address opens exactly this view: page, image sample, settings, step and language. "
                       "Add ?hide=stride,pad_mode to hide controls for an exercise.",
                       "이 주소는 지금 화면(페이지, 예제 이미지, 설정, 단계, 언어)을 그대로 엽니다. 연습용으로 ?hide=stride,pad_mode "
                       "를 붙이면 해당 컨트롤을 숨깁니다."),
    "presentation_mode": ("Presentation mode", "발표 모드"),
    "exit_presentation": ("Exit presentation mode", "발표 모드 끝내기"),
    "exports_title": ("Take it with you", "내려받기"),
    "dl_map_png": ("Feature map (.png)", "특징 맵 (.png)"),
    "dl_kernel_npy": ("Kernel (.npy)", "커널 (.npy)"),
    "dl_torch": ("This layer in PyTorch (.py)", "이 층의 PyTorch 코드 (.py)"),
    "dl_keras": ("This layer in Keras (.py)", "이 층의 Keras 코드 (.py)"),
    "dl_pooled_png": ("Pooled map (.png)", "풀링 결과 (.png)"),
    # errors
    "bad_link_value": ("The link's value {name}={value} is not allowed here; using the usual setting instead.",
                       "링크의 값 {name}={value}은(는) 쓸 수 없어 기본 설정을 사용합니다."),
    "error_generic": ("That setting cannot be used: {detail}", "그 설정은 쓸 수 없습니다: {detail}"),
    "showing_previous": ("Showing the last valid result.", "마지막으로 올바른 결과를 보여 줍니다."),
    "kernel_empty": ("The kernel is empty: type rows of numbers.", "커널이 비어 있습니다. 숫자 행을 입력하세요."),
    "kernel_too_large": ("A kernel can be at most {max}×{max}.", "커널은 최대 {max}×{max}까지 가능합니다."),
    "kernel_ragged": ("Every kernel row needs the same number of values.", "커널의 모든 행은 값의 개수가 같아야 합니다."),
    "kernel_not_number": ("The kernel has {word}, which is not a number.", "커널에 숫자가 아닌 {word}이(가) 있습니다."),
    "kernel_nan": ("The kernel may only hold ordinary numbers (no NaN or infinity).",
                   "커널에는 보통의 숫자만 넣을 수 있습니다 (NaN이나 무한대는 안 됩니다)."),
    "bias_nan": ("The bias must be an ordinary number.", "편향은 보통의 숫자여야 합니다."),
    "stride_zero": ("Stride, window and dilation must be at least 1.", "스트라이드, 윈도우 크기, 팽창은 1 이상이어야 합니다."),
    "same_needs_stride1": ("Padding 'same' keeps the size only with stride 1 (as in PyTorch); choose stride 1 or a "
                           "padding amount.", "'same' 패딩은 스트라이드가 1일 때만 크기를 유지합니다 (PyTorch와 같음). "
                           "스트라이드를 1로 하거나 패딩 값을 직접 정하세요."),
    "reflect_too_big": ("Reflect padding must be smaller than the image.", "반사 패딩은 이미지보다 작아야 합니다."),
    "kernel_bigger_than_input": ("The kernel ({k}) is larger than the padded input ({n}): add padding or use a "
                                 "smaller kernel.", "커널({k})이 패딩된 입력({n})보다 큽니다. 패딩을 늘리거나 더 작은 커널을 "
                                 "쓰세요."),
    "pool_padding_too_big": ("Pooling padding can be at most half the window (as in PyTorch).",
                             "풀링 패딩은 윈도우 크기의 절반까지만 가능합니다 (PyTorch와 같음)."),
    "image_empty": ("The file is empty.", "파일이 비어 있습니다."),
    "image_too_big_file": ("The file is larger than {mb} MB.", "파일이 {mb}MB보다 큽니다."),
    "image_too_many_pixels": ("The image has more than {mp} megapixels, too many to open safely.",
                              "이미지가 {mp}메가픽셀보다 커서 안전하게 열 수 없습니다."),
    "image_unreadable": ("This file is not an image we can read. Try a PNG, JPG, WebP, GIF or BMP.",
                         "읽을 수 있는 이미지 파일이 아닙니다. PNG, JPG, WebP, GIF, BMP 파일을 써 보세요."),
    # --- errors at the source (issue 10): add keys right below this line
    "train_in_channels": ("The model takes 1 (gray) or 3 (RGB) input channels; got {value}.",
                          "모델의 입력 채널은 1(흑백) 또는 3(RGB)이어야 합니다. 입력한 값: {value}"),
    "train_n_classes": ("The number of classes must be from 2 to 10; got {value}.",
                        "클래스 수는 2부터 10까지여야 합니다. 입력한 값: {value}"),
    "train_n_blocks": ("The model needs 1 to 3 conv blocks; got {value}.",
                       "모델의 합성곱 블록은 1개부터 3개까지여야 합니다. 입력한 값: {value}"),
    "train_not_block": ("Block {i} is not a conv block.", "{i}번째 블록이 합성곱 블록이 아닙니다."),
    "train_filters": ("Block {i}: the number of filters must be a whole number from 2 to 32; got {value}.",
                      "{i}번째 블록: 필터 수는 2부터 32까지의 정수여야 합니다. 입력한 값: {value}"),
    "train_kernel_size": ("Block {i}: the kernel size must be 3 or 5; got {value}.",
                          "{i}번째 블록: 커널 크기는 3 또는 5여야 합니다. 입력한 값: {value}"),
    "train_pool": ("Block {i}: pooling must be 'max' or 'avg'; got {value}.",
                   "{i}번째 블록: 풀링은 'max' 또는 'avg'여야 합니다. 입력한 값: {value}"),
    "train_optimizer": ("The optimizer must be Adam ('adam') or SGD ('sgd'); got {value}.",
                        "옵티마이저는 Adam('adam') 또는 SGD('sgd')여야 합니다. 입력한 값: {value}"),
    "train_lr": ("The learning rate must be a number above 0 and at most 1; got {value}.",
                 "학습률은 0보다 크고 1 이하인 수여야 합니다. 입력한 값: {value}"),
    "train_batch_size": ("The batch size must be a whole number from 1 to 1024; got {value}.",
                         "배치 크기는 1부터 1024까지의 정수여야 합니다. 입력한 값: {value}"),
    "train_epochs": ("The number of epochs must be a whole number from 1 to 1000; got {value}.",
                     "에폭 수는 1부터 1000까지의 정수여야 합니다. 입력한 값: {value}"),
    "train_fraction": ("The share of the training data must be above 0 and at most 1; got {value}.",
                       "사용할 학습 데이터 비율은 0보다 크고 1 이하여야 합니다. 입력한 값: {value}"),
    "train_dataset": ("The data must be one of {allowed}; got {value}.",
                      "데이터는 {allowed} 중 하나여야 합니다. 입력한 값: {value}"),
    "train_not_config": ("The model settings are not a model configuration.", "모델 설정이 올바른 모델 구성이 아닙니다."),
    "train_cfg_mismatch": ("For this data the model must take {channels} input channels and {classes} classes; "
                           "it takes {got_channels} and {got_classes}.",
                           "이 데이터에는 입력 채널 {channels}개, 클래스 {classes}개인 모델이 필요합니다. "
                           "지금 모델은 채널 {got_channels}개, 클래스 {got_classes}개입니다."),
    "arg_not_pair": ("{name} must be a whole number or a pair (height, width) of whole numbers; got {value}.",
                     "{name}은(는) 정수 하나 또는 (높이, 너비) 정수 쌍이어야 합니다. 입력한 값: {value}"),
    "arg_whole_min": ("{name} must be a whole number of at least {minimum}; got {value}.",
                      "{name}은(는) {minimum} 이상의 정수여야 합니다. 입력한 값: {value}"),
    "arg_whole_range": ("{name} must be a whole number from {minimum} to {max}; got {value}.",
                        "{name}은(는) {minimum}부터 {max}까지의 정수여야 합니다. 입력한 값: {value}"),
    "arg_not_numbers": ("{name} must be an array of numbers; got {kind}.",
                        "{name}은(는) 숫자 배열이어야 합니다. 받은 것: {kind}"),
    "arg_bad_ndim": ("{name} must be {allowed}; got shape {shape}.",
                     "{name}은(는) {allowed} 배열이어야 합니다. 받은 형상(shape): {shape}"),
    "arg_empty": ("{name} must not be empty.", "{name}이(가) 비어 있으면 안 됩니다."),
    "arg_not_finite": ("{name} may only hold ordinary numbers (no NaN or infinity).",
                       "{name}에는 보통의 숫자만 넣을 수 있습니다 (NaN이나 무한대는 안 됩니다)."),
    "arg_not_choice": ("{name} must be one of {allowed}; got {value}.",
                       "{name}은(는) {allowed} 중 하나여야 합니다. 입력한 값: {value}"),
    "at_not_index": ("{name} must be {n} whole numbers (a cell of the output); got {value}.",
                     "{name}은(는) 출력의 칸을 가리키는 정수 {n}개여야 합니다. 입력한 값: {value}"),
    "at_outside": ("The cell {value} lies outside the output of shape {shape}.",
                   "칸 {value}은(는) 형상 {shape}인 출력 밖에 있습니다."),
    "result_not_finite": ("The numbers get too large: the result would be infinite. Use smaller kernel values or "
                          "a smaller bias.",
                          "값이 너무 커서 결과가 무한대가 됩니다. 커널 값이나 편향을 더 작게 하세요."),
    "weight_channels": ("The filter has {got} input channels but the image has {want}: a filter needs one kernel "
                        "per input channel.",
                        "필터의 입력 채널은 {got}개인데 이미지의 채널은 {want}개입니다. 필터는 입력 채널마다 커널이 하나씩 "
                        "있어야 합니다."),
    "bias_shape": ("The bias needs one number per output channel ({n}); got shape {shape}.",
                   "편향은 출력 채널마다 숫자 하나씩 ({n}개) 필요합니다. 받은 형상(shape): {shape}"),
    "padding_bad": ("Padding must be a whole number, a pair, 'valid' or 'same'; got {value}.",
                    "패딩은 정수, 정수 쌍, 'valid', 'same' 중 하나여야 합니다. 입력한 값: {value}"),
    "circular_too_big": ("Circular padding can be at most the size of the image.",
                         "순환(circular) 패딩은 이미지 크기까지만 가능합니다."),
    "input_shape_bad": ("The input shape must be (H, W) or (C, H, W) of positive whole numbers; got {value}.",
                        "입력 형상(shape)은 양의 정수로 된 (H, W) 또는 (C, H, W)여야 합니다. 입력한 값: {value}"),
    "layer_unknown_keys": ("Layer {i} has settings that do not exist: {keys}.",
                           "{i}번 층에 없는 설정이 있습니다: {keys}"),
    "layer_bad": ("Layer {i} must be a layer or a dict of its settings; got {value}.",
                  "{i}번 층은 층 또는 설정 사전(dict)이어야 합니다. 입력한 값: {value}"),
    "layers_empty": ("Add at least one layer.", "층을 하나 이상 추가하세요."),
    "groups_divide": ("Groups ({groups}) must divide both the input channels ({cin}) and the output channels "
                      "({cout}).", "그룹 수({groups})는 입력 채널 수({cin})와 출력 채널 수({cout})를 모두 나누어떨어지게 "
                      "해야 합니다."),
    "image_too_thin": ("The image is {w}×{h} pixels: one side is more than {max} times the other, too thin to show "
                       "and slide a kernel over. Crop it first.",
                       "이미지가 {w}×{h} 픽셀로, 한 변이 다른 변의 {max}배가 넘어 너무 가늘어서 보여 주거나 커널을 움직일 수 "
                       "없습니다. 먼저 잘라 주세요."),
    "image_bad_shape": ("An image must be (H, W) gray or (H, W, 3) colour; got shape {shape}.",
                        "이미지는 (H, W) 흑백 이미지 또는 (H, W, 3) 컬러 이미지여야 합니다. 받은 형상(shape): {shape}"),
    "code_not_text": ("The model code must be text.", "모델 코드는 텍스트여야 합니다."),
    "code_too_long": ("The code is too long: at most {max} characters; it has {n}.",
                      "코드가 너무 깁니다. 최대 {max}자까지 가능한데 {n}자입니다."),
    "code_too_deep": ("The code is nested too deeply (more than {brackets} brackets inside each other, {signs} signs "
                      "in a row, or a very long expression). Write the values out, such as Dense(64).",
                      "코드가 너무 깊게 중첩되어 있습니다 (괄호가 {brackets}겹 넘게 겹치거나, 부호가 {signs}개 넘게 이어지거나, "
                      "식이 너무 깁니다). Dense(64)처럼 값을 직접 쓰세요."),
    "code_syntax": ("line {line}: this is not valid Python ({detail}).",
                    "{line}번째 줄: 올바른 파이썬 코드가 아닙니다 ({detail})."),
    "code_not_literal": ("line {line}: the value of '{word}' must be a number, text or tuple written out; got {value}.",
                         "{line}번째 줄: '{word}'의 값은 직접 쓴 숫자, 문자열 또는 튜플이어야 합니다. 입력한 값: {value}"),
    "code_unknown_layer": ("line {line}: unknown layer '{kind}'. Known layers: {known}.",
                           "{line}번째 줄: 모르는 층 '{kind}'입니다. 읽을 수 있는 층: {known}"),
    "code_star_args": ("line {line}: '{kind}' uses * or ** arguments; write the values out.",
                       "{line}번째 줄: '{kind}'에 * 또는 ** 인자가 있습니다. 값을 직접 쓰세요."),
    "code_too_many_args": ("line {line}: '{kind}' takes at most {n} values without a name; it got {got}.",
                           "{line}번째 줄: '{kind}'는 이름 없이 값을 최대 {n}개 받는데 {got}개가 있습니다."),
    "code_unknown_argument": ("line {line}: '{kind}' has no argument '{word}'.",
                              "{line}번째 줄: '{kind}'에는 '{word}' 인자가 없습니다."),
    "code_bool": ("line {line}: '{word}' must be True or False; got {value}.",
                  "{line}번째 줄: '{word}'은(는) True 또는 False여야 합니다. 입력한 값: {value}"),
    "code_probability": ("line {line}: '{word}' must be a probability, a number from 0 to 1; got {value}.",
                         "{line}번째 줄: '{word}'은(는) 0부터 1까지의 확률이어야 합니다. 입력한 값: {value}"),
    "code_choice": ("line {line}: '{word}' must be {allowed}; got {value}.",
                    "{line}번째 줄: '{word}'은(는) {allowed} 중 하나여야 합니다. 입력한 값: {value}"),
    "code_activation": ("line {line}: 'activation' must be a name in quotes, such as 'relu'; got {value}.",
                        "{line}번째 줄: 'activation'은 'relu'처럼 따옴표 안의 이름이어야 합니다. 입력한 값: {value}"),
    "code_no_model": ("No {container}(...) model with layers was found in the code.",
                      "코드에서 층이 있는 {container}(...) 모델을 찾지 못했습니다."),
    "code_too_many_layers": ("The model has {n} layers; at most {max} are allowed.",
                             "모델의 층이 {n}개입니다. 최대 {max}개까지 가능합니다."),
    "code_not_a_layer": ("line {line}: expected a layer such as Conv2D(...); got {value}.",
                         "{line}번째 줄: Conv2D(...) 같은 층이 와야 하는데 {value}이(가) 있습니다."),
    "code_whole_number": ("line {line}: '{word}' must be a whole number from {minimum} to {max}; got {value}.",
                          "{line}번째 줄: '{word}'은(는) {minimum}부터 {max}까지의 정수여야 합니다. 입력한 값: {value}"),
    "code_input_shape": ("line {line}: '{word}' must be a tuple of 1 to 3 whole numbers, such as (28, 28, 1); "
                         "got {value}.",
                         "{line}번째 줄: '{word}'은(는) (28, 28, 1)처럼 정수 1~3개로 된 튜플이어야 합니다. 입력한 값: {value}"),
    "code_kernel_too_big": ("line {line}: '{kind}' would make the output size {out} (input {n}, kernel {k}): the "
                            "kernel is larger than the (padded) input.",
                            "{line}번째 줄: '{kind}'의 출력 크기가 {out}이(가) 됩니다 (입력 {n}, 커널 {k}). 커널이 (패딩된) "
                            "입력보다 큽니다."),
    "code_needs_input_shape": ("line {line}: the first layer needs input_shape=(height, width, channels).",
                               "{line}번째 줄: 첫 층에는 input_shape=(높이, 너비, 채널)이 필요합니다."),
    "code_needs_image": ("line {line}: {kind} needs an {axes} input; got {shape}.",
                         "{line}번째 줄: {kind}에는 {axes} 형상의 입력이 필요한데 {shape}입니다."),
    "code_groups": ("line {line}: groups={groups} must divide the input channels ({cin}) and the output channels "
                    "({cout}).",
                    "{line}번째 줄: groups={groups}는 입력 채널 수({cin})와 출력 채널 수({cout})를 모두 나누어떨어지게 "
                    "해야 합니다."),
    "code_no_layers": ("The model has no layers after its Input.", "모델의 Input 다음에 층이 없습니다."),
    "code_too_large": ("line {line}: the layer is absurdly large (output {shape}, {params} parameters).",
                       "{line}번째 줄: 층이 터무니없이 큽니다 (출력 {shape}, 매개변수 {params}개)."),
    "code_torch_input": ("The input shape must be (C, H, W) of whole numbers from 1 to {max}; got {value}.",
                         "입력 형상(shape)은 1부터 {max}까지의 정수로 된 (C, H, W)여야 합니다. 입력한 값: {value}"),
    "code_in_channels": ("line {line}: {kind} expects {got} channels but its input has {want}.",
                         "{line}번째 줄: {kind}는 채널 {got}개를 기대하지만 입력의 채널은 {want}개입니다."),
    "code_in_features": ("line {line}: Linear has in_features={got} but receives {want} features.",
                         "{line}번째 줄: Linear의 in_features는 {got}인데 들어오는 특징은 {want}개입니다."),
    "code_same_stride": ("line {line}: padding='same' is not supported for strided convolutions (as in PyTorch); use "
                         "stride 1 or a padding amount.",
                         "{line}번째 줄: 스트라이드가 1보다 큰 합성곱에는 padding='same'을 쓸 수 없습니다 (PyTorch와 같음). "
                         "스트라이드를 1로 하거나 패딩 값을 직접 정하세요."),
    "code_flatten": ("line {line}: only Flatten() over all features (start_dim=1) is supported.",
                     "{line}번째 줄: 모든 특징을 펼치는 Flatten() (start_dim=1)만 지원합니다."),
    "export_wrong_framework": ("This summary does not come from summarize_{want}.",
                               "이 요약은 summarize_{want}에서 나온 것이 아닙니다."),
    "export_same_strides": ("line {line}: {kind} with padding='same' and strides has no exact PyTorch equivalent "
                            "(Keras pads unevenly).",
                            "{line}번째 줄: padding='same'과 스트라이드를 쓴 {kind}는 PyTorch에 정확히 같은 것이 없습니다 "
                            "(Keras는 패딩을 한쪽에 더 넣습니다)."),
    "export_adaptive": ("line {line}: {kind} exports to Keras only with output size 1.",
                        "{line}번째 줄: {kind}는 출력 크기가 1일 때만 Keras 코드로 바꿀 수 있습니다."),
    # --- end errors
    # --- browser explorer (issue 13): add keys right below this line
    "rf_title": ("Point at a cell of the last layer: its receptive field, layer by layer",
                 "마지막 층의 칸을 가리켜 보세요: 층마다 보이는 수용 영역"),
    "rf_sentence": ("Cell ({i}, {j}) of layer {n} sees rows {top}–{bottom}, columns {left}–{right} of the input "
                    "(**{h}×{w}** pixels).",
                    "{n}층의 ({i}, {j}) 칸은 입력의 {top}–{bottom}행, {left}–{right}열을 봅니다 "
                    "(**{h}×{w}** 픽셀)."),
    "rf_sentence_padding": ("Cell ({i}, {j}) of layer {n} sees rows {top}–{bottom}, columns {left}–{right} of the "
                            "input (**{h}×{w}** pixels); its windows also reach into the padding.",
                            "{n}층의 ({i}, {j}) 칸은 입력의 {top}–{bottom}행, {left}–{right}열을 봅니다 "
                            "(**{h}×{w}** 픽셀). 윈도우가 패딩까지 닿습니다."),
    "rf_sentence_none": ("Cell ({i}, {j}) of layer {n} sees only padding: no pixel of the input.",
                         "{n}층의 ({i}, {j}) 칸은 패딩만 봅니다. 입력 픽셀은 하나도 보지 않습니다."),
    "rf_grid_input": ("Input · {h}×{w}", "입력 · {h}×{w}"),
    "rf_grid_layer": ("Layer {n}: {name} · {h}×{w}", "{n}층: {name} · {h}×{w}"),
    "rf_rows_cols": ("rows {top}–{bottom} · columns {left}–{right}", "{top}–{bottom}행 · {left}–{right}열"),
    "rf_cell": ("cell ({i}, {j})", "칸 ({i}, {j})"),
    "rf_legend": ("Green: the cell · orange: the cells it depends on · hatched: padding · dashed: the kept (clicked) cell",
                  "초록: 고른 칸 · 주황: 그 칸이 의존하는 칸 · 빗금: 패딩 · 점선: 클릭해서 고정한 칸"),
    "rf_hint": ("Point at (or drag over) the last layer; arrow keys move the cell. Click to keep it.",
                "마지막 층 위를 가리키거나 끌어 보세요. 화살표 키로 칸을 옮기고, 클릭하면 그 칸이 선택됩니다."),
    "ex_input": ("Input (padding marked)", "입력 (패딩 표시)"),
    "ex_output_conv": ("Feature map", "특징 맵"),
    "ex_output_pool": ("Pooled output", "풀링 출력"),
    "ex_zoom": ("Zoom around the window", "윈도우 주변 확대"),
    "ex_zoom_rgb": ("Zoom around the window (each cell: R, G, B from the top)", "윈도우 주변 확대 (칸마다 위에서부터 R, G, B)"),
    "ex_window": ("Window", "윈도우"),
    "ex_kernel": ("Kernel", "커널"),
    "ex_products": ("Products", "원소별 곱"),
    "ex_bias": ("Bias", "편향"),
    "ex_partial": ("Partial sum", "부분합"),
    "ex_sum": ("Sum of the products", "곱의 합"),
    "ex_channel": ("Channel {c}", "채널 {c}"),
    "ex_play": ("Play", "재생"),
    "ex_pause": ("Pause", "일시 정지"),
    "ex_prev": ("Previous cell", "이전 칸"),
    "ex_next": ("Next cell", "다음 칸"),
    "ex_speed": ("Speed (cells per second)", "속도 (초당 칸 수)"),
    "ex_position": ("Window position", "윈도우 위치"),
    "ex_cell": ("Output cell ({i}, {j})", "출력 칸 ({i}, {j})"),
    "ex_hint": ("Point at the map or the input: the window follows. Click a cell to choose it. "
                "Keys: ← → move, ↑ ↓ change row, space plays.",
                "특징 맵이나 입력 위를 가리키면 윈도우가 따라갑니다. 칸을 클릭하면 그 칸이 선택됩니다. "
                "키: ← → 이동, ↑ ↓ 행 바꾸기, 스페이스 재생."),
    "ex_padding": ("padding", "패딩"),
    "ex_winner": ("The largest value wins.", "가장 큰 값이 선택됩니다."),
    "ex_winner_min": ("The smallest value wins.", "가장 작은 값이 선택됩니다."),
    "ex_average": ("The average of the window (padding counts as 0).", "윈도우의 평균 (패딩은 0으로 셈)."),
    "ex_hidden": ("Hidden until you answer the quiz.", "퀴즈에 답하면 보입니다."),
    "ex_settings": ("stride {s} · dilation {d} · padding {p} ({m})", "스트라이드 {s} · 팽창 {d} · 패딩 {p} ({m})"),
    "ex_pool_settings": ("window {k} · stride {s} · padding {p}", "윈도우 {k} · 스트라이드 {s} · 패딩 {p}"),
    # --- end explorer
    # --- classroom (issue 14): add keys right below this line
    "train_share_one": ("Sharing the server with 1 other training: they take turns, a short chunk each.",
                        "서버를 다른 학습 1개와 함께 쓰고 있습니다. 짧은 구간씩 번갈아 학습합니다."),
    "train_share_many": ("Sharing the server with {n} other trainings: they take turns, a short chunk each.",
                         "서버를 다른 학습 {n}개와 함께 쓰고 있습니다. 짧은 구간씩 번갈아 학습합니다."),
    "train_time_left": ("About {s} s left at this pace.", "지금 속도로 약 {s}초 남았습니다."),
    "train_turns_ahead": ("{n} trainings ahead of you, about {s} s.", "앞에 학습 {n}개가 있습니다. 약 {s}초 기다립니다."),
    # --- end classroom
    # --- pictures and words (issue 12): add keys right below this line
    "model_shapes_keras": ("Output shapes are Keras's order, (batch, H, W, C): channels last; `None` stands for the batch "
                           "size. The boxes below draw each layer's H, W and C.",
                           "출력 형상은 Keras 순서인 (배치, H, W, C)로, 채널이 마지막에 옵니다. `None`은 배치 크기 자리입니다. "
                           "아래 상자는 층마다 H, W, C를 그립니다."),
    "model_shapes_torch": ("Output shapes are PyTorch's order, (batch, C, H, W): channels first; −1 stands for the batch "
                           "size. The boxes below write them as H×W×C, as the other pages do.",
                           "출력 형상은 PyTorch 순서인 (배치, C, H, W)로, 채널이 먼저 옵니다. −1은 배치 크기 자리입니다. "
                           "아래 상자는 다른 페이지처럼 H×W×C로 씁니다."),
    "model_shapes_eg": (" For example {torch} → {hwc}.", " 예: {torch} → {hwc}."),
    "flow_in": ("input", "입력"),
    "flow_new": ("new maps", "새 맵"),
    "flow_concat": ("stacked", "이어 붙임"),
    "flow_shuffle": ("shuffle", "채널 섞기"),
    "flow_conv": ("conv", "합성곱"),
    "flow_squeeze": ("squeeze", "압축"),
    "flow_pool": ("pool", "풀링"),
    "flow_dw": ("per channel", "채널별"),
    "quiz_next": ("Next question (another cell)", "다음 문제 (다른 칸)"),
    "blk_residual_macs": ("No multiplications: one addition per output number, the input's number plus the conv's: "
                          "{h}×{w}×{c} = {n} additions.",
                          "곱셈은 없고, 출력 숫자마다 입력의 숫자와 합성곱의 숫자를 한 번 더합니다: "
                          "{h}×{w}×{c} = 덧셈 {n}번."),
    "blk_concat_macs": ("None: the {cin} input channels and the {new} new channels are stacked one after the other, so "
                        "the output has {cin} + {new} = {total} channels. Nothing is multiplied or added.",
                        "없습니다. 입력 채널 {cin}개 뒤에 새 채널 {new}개를 그대로 쌓아서 출력 채널은 "
                        "{cin} + {new} = {total}개가 됩니다. 곱하거나 더하는 계산은 없습니다."),
    "trace_pad": ("pad", "패딩"),
    "anim_help_where": ("Runs in your browser on a part of the input where the picture has content (at most {n}×{n} "
                        "pixels; rows and columns numbered as in the input): press ▶ or drag the slider.",
                        "입력에서 그림이 있는 부분(최대 {n}×{n} 픽셀, 행과 열 번호는 입력과 같습니다)으로 브라우저에서 "
                        "재생됩니다. ▶를 누르거나 슬라이더를 움직이세요."),
    "anim_feature_map": ("Feature map", "특징 맵"),
    "ch_preset_help": ("The preset is a colour-opponent filter: red +vertical edge, green −vertical edge (red against "
                       "green), blue horizontal edge. Edit any kernel: only its channel's partial map changes.",
                       "기본값은 색 대립 필터입니다: 빨강은 +세로 경계, 초록은 −세로 경계(빨강과 초록의 대립), 파랑은 "
                       "가로 경계 커널입니다. 커널을 바꿔 보세요. 그 채널의 부분 맵만 바뀝니다."),
    "ch_gray_copies": ("This image is gray: its red, green and blue channels are equal copies, so here only the "
                       "kernels make the three partial maps differ (red and green cancel in the sum). Pick a colour "
                       "photo on the Image page to see the channels differ too.",
                       "이 이미지는 흑백이라 빨강·초록·파랑 채널이 똑같은 복사본입니다. 그래서 여기서는 커널만이 세 부분 "
                       "맵을 다르게 만듭니다 (합에서는 빨강과 초록이 서로 상쇄됩니다). 채널끼리도 다른 모습을 보려면 "
                       "이미지 페이지에서 컬러 사진을 고르세요."),
    "ch_reset_kernels": ("Reset the three kernels", "세 커널 되돌리기"),
    "ch_kernel_shape": ("The {channel} kernel has {h}×{w} numbers, but this filter's kernels are {k}×{k} (the kernel "
                        "size above): type {k} rows of {k} numbers, or press Reset.",
                        "{channel} 커널의 숫자가 {h}×{w}개인데, 이 필터의 커널은 {k}×{k}입니다 (위에서 고른 커널 "
                        "크기). {k}개씩 {k}줄을 입력하거나 '되돌리기'를 누르세요."),
    "ch_pool_too_big": ("{q}×{q} max pooling needs feature maps of at least {q}×{q}, but this image gives maps of "
                        "{h}×{w}, so the pooled maps would be smaller than 1×1. Turn pooling off or use a bigger "
                        "image.",
                        "{q}×{q} 최대 풀링에는 {q}×{q} 이상의 특징 맵이 필요한데, 이 이미지의 특징 맵은 {h}×{w}라서 "
                        "풀링한 맵이 1×1보다 작아집니다. 풀링을 끄거나 더 큰 이미지를 쓰세요."),
    "ch_stack_conv_too_big": ("Layer {n} cannot be built: its {k}×{k} kernel needs a map of at least {k}×{k}, but "
                              "its input is only {h}×{w}, so its output would be smaller than 1×1. Use fewer layers, a "
                              "smaller kernel or no pooling.",
                              "{n}번째 층을 만들 수 없습니다. {k}×{k} 커널에는 {k}×{k} 이상의 맵이 필요한데 이 층의 "
                              "입력은 {h}×{w}뿐이라 출력이 1×1보다 작아집니다. 층 수를 줄이거나, 더 작은 커널을 쓰거나, "
                              "풀링을 끄세요."),
    "ch_stack_pool_too_big": ("Layer {n}'s {q}×{q} max pooling cannot be applied: its convolution leaves a {h}×{w} "
                              "map, smaller than the {q}×{q} window, so the pooled map would be smaller than 1×1. Use "
                              "fewer layers, a smaller kernel or no pooling.",
                              "{n}번째 층의 {q}×{q} 최대 풀링을 적용할 수 없습니다. 앞의 합성곱이 남긴 맵이 {h}×{w}로 "
                              "{q}×{q} 윈도우보다 작아서 풀링한 맵이 1×1보다 작아집니다. 층 수를 줄이거나, 더 작은 "
                              "커널을 쓰거나, 풀링을 끄세요."),
    "digit_shipped_model": ("This uses the small network shipped with the app ({acc} on the {n} test digits); train "
                            "your own on the Train page and it will be used here instead.",
                            "지금은 앱에 함께 들어 있는 작은 신경망을 씁니다 (테스트 숫자 {n}개에서 테스트 정확도 {acc}). "
                            "'CNN 학습하기' 페이지에서 직접 모델을 학습하면 그 모델을 대신 씁니다."),
    "digit_own_model": ("Using the CNN you trained: {n} parameters, {acc} test accuracy.",
                        "직접 학습한 CNN을 씁니다: 매개변수 {n}개, 테스트 정확도 {acc}."),
    "digit_own_unfinished": ("Your own CNN has not finished training yet; once it has, it answers here instead.",
                             "직접 학습 중인 CNN은 아직 학습이 끝나지 않았습니다. 학습이 끝나면 여기서 그 모델이 대신 답합니다."),
    "digit_shapes_only": ("The model you trained learned coloured shapes, not digits, so the shipped network answers "
                          "here; train one on the digits to use your own.",
                          "직접 학습한 모델은 숫자가 아니라 색깔 도형을 배웠으므로 여기서는 앱에 들어 있는 신경망이 답합니다. "
                          "내 모델을 쓰려면 숫자 데이터로 학습하세요."),
    "digit_mlp_own_only": ("The MLP comparison appears here once you have trained your own model: the Train page "
                           "trains an MLP on the same digits after the CNN, and the shipped network has no MLP.",
                           "MLP 비교는 직접 모델을 학습한 뒤에 여기에 나타납니다. 'CNN 학습하기' 페이지는 CNN 다음에 같은 "
                           "숫자로 MLP도 학습하지만, 앱에 들어 있는 신경망에는 MLP가 없습니다."),
    "digit_data_size_help": ("Trains a CNN and an MLP on {sizes} digits per class, each for the same {steps} steps, "
                             "and plots their test accuracy. The first run takes a while; after that the result is "
                             "shared by everyone using this server.",
                             "클래스마다 숫자 {sizes}개로 CNN과 MLP를 똑같이 {steps}단계씩 학습하고 테스트 정확도를 "
                             "그립니다. 처음 실행할 때는 시간이 좀 걸리고, 그 뒤에는 이 서버를 쓰는 모두가 결과를 함께 "
                             "씁니다."),
    "digit_data_size_running": ("Training {n} small models…", "작은 모델 {n}개를 학습하는 중…"),
    "home_intro_net": ("A convolutional neural network (CNN) first extracts features with convolution, ReLU and "
                       "pooling, twice; then it classifies with flatten, dense and softmax. Below, a real small CNN "
                       "trained on {train} handwritten digits (test accuracy {acc} on {test} test images) reads the "
                       "digit you pick: every picture is what one block outputs. Each block opens its page.",
                       "합성곱 신경망(CNN)은 먼저 합성곱 → ReLU → 풀링을 두 번 거쳐 특징을 추출하고, 그다음 평탄화 → 완전 "
                       "연결층 → 소프트맥스로 분류합니다. 아래는 손글씨 숫자 {train}개로 학습한 실제 작은 CNN이 고른 숫자를 "
                       "읽는 모습입니다 (테스트 이미지 {test}개에서 테스트 정확도 {acc}). 그림 하나하나가 한 블록의 "
                       "출력입니다. 블록마다 해당 페이지로 가는 링크가 있습니다."),
    "home_pick": ("Digit to read (a test image the network never trained on)",
                  "읽을 숫자 (신경망이 학습에 쓰지 않은 테스트 이미지)"),
    "home_shapes_note": ("Shapes are (H, W, C): height, width, channels. Each block's pictures share one colour "
                         "range: gray from 0 (black) to the block's largest value (white); blue–white–red around 0 "
                         "where values can be negative (convolution outputs, scores).",
                         "형상은 (H, W, C), 곧 (높이, 너비, 채널)입니다. 한 블록의 그림은 같은 색 범위를 씁니다. 회색은 "
                         "0(검정)부터 그 블록의 가장 큰 값(흰색)까지이고, 음수가 나올 수 있는 곳(합성곱 출력, 점수)은 0을 "
                         "중심으로 파랑–흰색–빨강으로 나타냅니다."),
    "home_b_input": ("Input", "입력"),
    "home_b_conv": ("Convolution 3×3, {n} filters", "합성곱 3×3, 필터 {n}개"),
    "home_b_relu": ("ReLU", "ReLU"),
    "home_b_pool": ("Max pooling 2×2", "최대 풀링 2×2"),
    "home_b_flatten": ("Flatten", "평탄화"),
    "home_b_dense": ("Dense, 10 units", "완전 연결층, 유닛 10개"),
    "home_b_softmax": ("Softmax", "소프트맥스"),
    "home_flatten_note": ("16 rows of 25 numbers: one row per channel", "25개씩 16줄: 채널마다 한 줄"),
    "home_dense_note": ("one score per digit 0–9", "숫자 0–9마다 점수 하나"),
    "home_softmax_note": ("probabilities, adding up to 1", "더하면 1이 되는 확률"),
    "home_prediction": ("The network's answer: **{digit}**, with probability {p}.",
                        "신경망의 답: **{digit}** (확률 {p})"),
    "home_prob_axis": ("probability", "확률"),
    "home_weights_note": ("The network's {n} weights are shipped with the app (trained once, seeded). The same "
                          "network answers on Try your digit until you train your own.",
                          "이 신경망의 가중치 {n}개는 앱에 함께 들어 있습니다 (시드를 고정해 한 번 학습했습니다). 직접 모델을 "
                          "학습하기 전까지는 '내 숫자 시험하기'에서도 이 신경망이 답합니다."),
    "g_macs": ("Multiply-adds (millions)", "곱셈-덧셈 (백만 번)"),
    "g_source": ("Errors from", "오류율 출처"),
    "g_source_torchvision": ("torchvision (ImageNet)", "torchvision (ImageNet)"),  # the caption says which weights
    "g_source_paper": ("paper (MNIST)", "논문 (MNIST)"),
    "g_paper": ("In the paper (top-1 / top-5 error, %)", "논문의 값 (Top-1 / Top-5 오류율, %)"),
    "g_errors_note": ("Errors in the table are those of torchvision's weights on the ImageNet-1k validation set "
                      "(single 224 crop; error = 100 − accuracy), so every network is measured the same way. Papers "
                      "measured differently: AlexNet's paper reports 37.5 % top-1 on the ILSVRC-2010 test set, "
                      "torchvision's AlexNet has 43.48 %. LeNet-5 was made for 32×32 digits, not ImageNet: its "
                      "number is the paper's MNIST test error (%).",
                      "표의 오류율은 torchvision 가중치를 ImageNet-1k 검증 세트에서 잰 값입니다 (224 단일 크롭, 오류율 = "
                      "100 − 정확도). 그래서 모든 신경망을 같은 방식으로 비교할 수 있습니다. 논문은 다른 방식으로 쟀습니다. "
                      "AlexNet 논문은 ILSVRC-2010 테스트 세트에서 Top-1 오류율 37.5 %를, torchvision의 AlexNet은 "
                      "43.48 %를 보입니다. LeNet-5는 ImageNet이 아니라 32×32 숫자 이미지용이라, 논문의 MNIST 테스트 "
                      "오류율(%)을 적었습니다."),
    "g_shapes_note": ("Shapes on this page are (C, H, W), PyTorch's order: channels first. The other pages write "
                      "(H, W, C), as Keras and most lessons do; (64, 55, 55) here is 55×55×64 there.",
                      "이 페이지의 형상은 PyTorch 순서인 (C, H, W)로, 채널이 먼저 옵니다. 다른 페이지는 Keras와 대부분의 "
                      "수업처럼 (H, W, C)로 씁니다. 여기의 (64, 55, 55)는 거기의 55×55×64입니다."),
    "g_ideas": ("What each network added", "각 신경망이 새로 더한 것"),
    "g_chart_note": ("Networks with ImageNet errors only (LeNet-5 is left out). Dots: top-1 error; diamonds: "
                     "top-5 error.", "ImageNet 오류율이 있는 신경망만 그렸습니다 (LeNet-5 제외). 원: Top-1 오류율, "
                     "마름모: Top-5 오류율."),
    "g_expander": ("{name} — {params} parameters, {macs} multiply-adds, input {shape}",
                   "{name} — 매개변수 {params}개, 곱셈-덧셈 {macs} 번, 입력 {shape}"),
    "claim_and": ("{a} and {b}", "{a}과 {b}"),
    "claim_shift_order": ("Under a 1-pixel shift, {least} changed least ({a}), {mid} changed {b}, and {most} changed "
                          "most ({c}).",
                          "1픽셀 이동에서 {least}이 가장 적게({a}), {mid}이 {b}, {most}이 가장 많이({c}) 변했습니다."),
    "claim_shift_one_least": ("Under a 1-pixel shift, {least} changed least ({a}); {others} both changed {b}.",
                              "1픽셀 이동에서 {least}이 가장 적게({a}) 변했고, {others}은 둘 다 {b} 변했습니다."),
    "claim_shift_one_most": ("Under a 1-pixel shift, {both} changed least, both {a}; {most} changed most ({b}).",
                             "1픽셀 이동에서 {both}이 둘 다 {a}로 가장 적게 변했고, {most}이 가장 많이({b}) "
                             "변했습니다."),
    "claim_shift_same": ("Under a 1-pixel shift, all three poolings changed by about the same amount ({a}).",
                         "1픽셀 이동에서 세 가지 풀링이 모두 거의 같은 만큼({a}) 변했습니다."),
    "claim_shift_nothing": ("Shifting this image by 1 pixel changes none of its pixels, so no pooling output can "
                            "change: there is nothing to compare.",
                            "이 이미지는 1픽셀 옮겨도 바뀌는 픽셀이 없어서 어떤 풀링 출력도 변하지 않습니다. 비교할 것이 "
                            "없습니다."),
    "claim_shift_over": ("Over 100% means that {modes} changed more than the image itself: pooling does not make a "
                         "network ignore a 1-pixel shift. The shift moves pixels across window borders, which can "
                         "change what every window reports.",
                         "100%가 넘었다는 것은 {modes}의 출력이 이미지 자체보다 더 많이 변했다는 뜻입니다. 풀링이 있어도 "
                         "1픽셀 이동을 무시하지는 못합니다. 픽셀이 윈도우 경계를 넘나들면서 윈도우마다 내놓는 값이 바뀔 수 "
                         "있기 때문입니다."),
    "claim_all_three": ("all three poolings", "세 가지 풀링 모두"),
    "claim_shift_help": ("Change of the pooled output when the image moves 1 pixel right, as a percentage of how "
                         "much the image itself changed, for this image and these settings.",
                         "이미지를 오른쪽으로 1픽셀 옮겼을 때 풀링 출력의 변화를, 이미지 자체의 변화에 대한 백분율로 "
                         "나타냅니다. 지금 이미지와 설정에서 계산한 값입니다."),
    "claim_noise_order": ("With noise of strength {sigma}, {least} changed least ({a}), {mid} changed {b}, and "
                          "{most} changed most ({c}).",
                          "세기 {sigma}의 잡음을 더하면 {least}이 가장 적게({a}), {mid}이 {b}, {most}이 가장 "
                          "많이({c}) 변했습니다."),
    "claim_noise_one_least": ("With noise of strength {sigma}, {least} changed least ({a}); {others} both changed "
                              "{b}.",
                              "세기 {sigma}의 잡음을 더하면 {least}이 가장 적게({a}) 변했고, {others}은 둘 다 {b} "
                              "변했습니다."),
    "claim_noise_one_most": ("With noise of strength {sigma}, {both} changed least, both {a}; {most} changed most "
                             "({b}).",
                             "세기 {sigma}의 잡음을 더하면 {both}이 둘 다 {a}로 가장 적게 변했고, {most}이 가장 "
                             "많이({b}) 변했습니다."),
    "claim_noise_same": ("With noise of strength {sigma}, all three poolings changed by about the same amount "
                         "({a}).",
                         "세기 {sigma}의 잡음을 더하면 세 가지 풀링이 모두 거의 같은 만큼({a}) 변했습니다."),
    "claim_noise_nothing": ("No noise is added (strength 0), so no pooling output changes.",
                            "잡음을 더하지 않았으므로(세기 0) 어떤 풀링 출력도 변하지 않습니다."),
    "claim_noise_help": ("Mean change of each pooled output when random noise (standard deviation = the strength) "
                         "is added to the image, in pixel values.",
                         "이미지에 무작위 잡음(표준편차 = 세기)을 더했을 때 각 풀링 출력이 평균적으로 변한 양입니다 "
                         "(픽셀 값 단위)."),
    "claim_metric_shift": ("{mode}: change after a 1-pixel shift", "{mode}: 1픽셀 이동 후 변화"),
    "claim_metric_noise": ("{mode}: change from noise", "{mode}: 잡음에 의한 변화"),
    # --- end pictures
    # --- learner state and links (issue 11): add keys right below this line
    "cell_charts": ("The selected cell as charts: row and column numbers, colour scales, the formula as text to copy",
                    "선택한 칸을 차트로 보기: 행·열 번호, 색 눈금, 복사할 수 있는 식"),
    "quiz_hidden_map": ("The output stays hidden until you check your prediction.",
                        "예측을 확인하기 전까지 출력은 가려 둡니다."),
    "kernel_custom": ("Custom (typed)", "직접 입력"),
    "kernel_custom_help": ("Your own kernel: the numbers below.", "직접 만든 커널입니다. 아래 숫자를 사용합니다."),
    "step_row": ("Output row i", "출력 행 i"),
    "step_col": ("Output column j", "출력 열 j"),
    "image_from_pixels": ("typed pixels", "직접 입력한 픽셀"),
    "image_from_drawing": ("your drawing", "직접 그린 그림"),
    "image_from_link": ("the picture from the link", "링크에 담긴 그림"),
    "link_image_stays": ("This picture is too big to travel in a link: students who open it will see the "
                         "handwritten digit instead. Use a sample, or a picture of at most 64×64 (gray) or 32×32 (colour).",
                         "이 그림은 링크에 담기에는 너무 큽니다. 링크를 연 학생에게는 손글씨 숫자가 대신 보입니다. "
                         "예제 이미지나 64×64(흑백), 32×32(컬러) 이하의 그림을 쓰세요."),
    "link_image_bad": ("The picture in the link is damaged, so it was not used.",
                       "링크에 담긴 그림이 손상되어 사용하지 않았습니다."),
    "pixel_rows": ("Rows", "행 수"),
    "pixel_cols": ("Columns", "열 수"),
    "paste_pixels": ("…or paste rows of numbers (0–255), one row per line", "…또는 숫자 행(0–255)을 한 줄에 한 행씩 붙여 넣으세요"),
    "use_pasted_pixels": ("Use the pasted numbers", "붙여 넣은 숫자 사용하기"),
    "pixels_empty": ("There are no numbers to use: type rows of numbers.", "사용할 숫자가 없습니다. 숫자 행을 입력하세요."),
    "pixels_too_big": ("A typed image can be at most {max}×{max}.", "직접 입력하는 이미지는 최대 {max}×{max}입니다."),
    "pixels_ragged": ("Every row needs the same number of values.", "모든 행의 값 개수가 같아야 합니다."),
    "pixels_not_number": ("{word} is not a number.", "{word}은(는) 숫자가 아닙니다."),
    "pixels_range": ("Pixel values go from 0 (dark) to 255 (bright).", "픽셀 값은 0(어두움)부터 255(밝음)까지입니다."),
    "sample_none": ("Now: {name}. Pick a sample to use it instead.", "지금은 {name}입니다. 예제를 고르면 그 이미지로 바뀝니다."),
    "the_image_zoom": ("The image; the orange box is the part shown as numbers.",
                       "이미지. 주황색 상자 부분이 숫자로 표시됩니다."),
    "channels_in": ("C in", "입력 채널"),
    "channels_out": ("C out", "출력 채널"),
    "pool_2x2_max": ("2×2 max", "2×2 최대 풀링"),
    "noise_title": ("Noise: how much the pooled map changes (pixel units)", "잡음: 풀링 결과가 변한 정도 (픽셀 값)"),
    # --- end state
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for key in lang ('en' or 'ko'), placeholders filled; an unknown key shows itself."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**values) if values else text

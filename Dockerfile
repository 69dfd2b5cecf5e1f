# Conv Playground: one `streamlit run` process per container (scale with deploy/compose.yaml or deploy/k8s.yaml).
#   docker build -t conv-playground .  &&  docker run -p 8501:8501 conv-playground
FROM python:3.11-slim

# Korean text in pictures (Pillow has no Hangul font of its own); no recommends: keeps the image small.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# Dependencies first (a code change does not reinstall them). torch: the CPU build from PyTorch's CPU index
# (PyPI's Linux wheel is the CUDA build, several GB); requirements.txt pins the same versions as pyproject.toml.
COPY requirements.txt .
RUN pip install "torch==2.13.0+cpu" --extra-index-url https://download.pytorch.org/whl/cpu \
 && pip install -r requirements.txt

# The app runs from its source tree (app.py, pages/, ui/, playground/, .streamlit/config.toml).
COPY . .
RUN useradd --create-home --uid 10001 learner && chown -R learner /app
USER learner

EXPOSE 8501
# Streamlit's own health endpoint answers "ok" once the server is up (slim has no curl: Python asks).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", \
     "--server.headless=true"]

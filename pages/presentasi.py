import streamlit as st

st.info("Halaman sedang disiapkan.")

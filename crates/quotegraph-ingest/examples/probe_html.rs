fn main() {
    for p in std::env::args().skip(1) {
        let t = std::time::Instant::now();
        let a = quotegraph_ingest::html::read_html_file(p.as_ref(), Default::default());
        println!("{:?}", t.elapsed());
        match a {
            Ok(a) => println!("{:#?}\n---\n{}\n===", a.meta, a.text),
            Err(e) => println!("ERR {e}"),
        }
    }
}
